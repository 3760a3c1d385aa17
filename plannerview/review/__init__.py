"""plannerview.review"""
