"""imcost: exact monthly cost estimates for Tencent Cloud Instant Messaging (即时通信 IM) and Easemob IM."""

__version__ = "0.1.0"
