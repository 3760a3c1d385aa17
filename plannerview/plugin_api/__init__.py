"""plannerview.plugin_api"""
