"""The Qt skin: widgets only. Business rules live in the Qt-free packages."""
