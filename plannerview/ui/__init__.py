"""plannerview.ui"""
