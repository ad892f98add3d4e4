"""The 依申请公开 kit: application forms (HTML and .docx), the statutory process chart and the fee table."""
