"""plannerview.cli"""
