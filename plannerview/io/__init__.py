"""plannerview.io"""
