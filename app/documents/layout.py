"""GB/T 9704-2012 numbers for the letter format (信函格式, §10.1), in millimetres and points.

Distances are measured from the top or left edge of the page unless the name says otherwise; the
PDF drawing code converts to ReportLab's bottom-left origin.
"""

from __future__ import annotations

from typing import Final

from reportlab.lib.colors import CMYKColor

PT_PER_MM: Final = 72 / 25.4


def mm(value: float) -> float:
    """Millimetres to points."""
    return value * PT_PER_MM


def to_mm(points: float) -> float:
    return points / PT_PER_MM


# Page and text block (§5.1, §5.2.1)
PAGE_WIDTH_MM: Final = 210.0
PAGE_HEIGHT_MM: Final = 297.0
MARGIN_TOP_MM: Final = 37.0  # 天头
MARGIN_LEFT_MM: Final = 28.0  # 订口
TEXT_WIDTH_MM: Final = 156.0
TEXT_HEIGHT_MM: Final = 225.0
TEXT_RIGHT_MM: Final = MARGIN_LEFT_MM + TEXT_WIDTH_MM  # 184
TEXT_BOTTOM_MM: Final = MARGIN_TOP_MM + TEXT_HEIGHT_MM  # 262 from the top, 35 above the bottom

# Type sizes (字号)
SIZE_2HAO: Final = 22.0  # title
SIZE_3HAO: Final = 16.0  # body
SIZE_4HAO: Final = 14.0  # 抄送, page numbers
ISSUER_SIZE: Final = 26.0  # 一号; the standard leaves the issuer's size to the issuer
ISSUER_MIN_SIZE: Final = 16.0

# Grid (§5.2.4): 22 lines of 28 characters fill the text block
LINES_PER_PAGE: Final = 22
CHARS_PER_LINE: Final = 28
LINE_PITCH_MM: Final = TEXT_HEIGHT_MM / LINES_PER_PAGE  # ≈10.23 mm ≈ 29 pt
CHAR_PITCH_MM: Final = TEXT_WIDTH_MM / CHARS_PER_LINE  # ≈5.57 mm, a little under a 16 pt character
LINE_PITCH: Final = mm(LINE_PITCH_MM)
CHAR_PITCH: Final = mm(CHAR_PITCH_MM)
MIN_LINE_PITCH: Final = LINE_PITCH * 0.82  # how far a page may be tightened to keep the seal with text
# Where the baseline sits below the top of a line's character box (ideographic em box).
EM_ASCENT: Final = 0.88

# Letter format heading (§10.1)
ISSUER_TOP_MM: Final = 30.0  # top edge of the issuer's name
RULE_GAP_MM: Final = 4.0  # issuer name -> top double rule
RULE_LENGTH_MM: Final = 170.0
RULE_LEFT_MM: Final = (PAGE_WIDTH_MM - RULE_LENGTH_MM) / 2  # 20
RULE_THICK_MM: Final = 0.8
RULE_THIN_MM: Final = 0.3
RULE_SPACE_MM: Final = 0.6  # white between the two lines of a double rule
RULE_DOUBLE_MM: Final = RULE_THICK_MM + RULE_SPACE_MM + RULE_THIN_MM
BOTTOM_RULE_FROM_BOTTOM_MM: Final = 20.0  # lower edge of the bottom double rule above the page bottom
NUMBER_GAP: Final = SIZE_3HAO * 7 / 8  # rule -> document number: 7/8 of a 3号 character
TITLE_GAP_LINES: Final = 2  # blank lines between the number and the title
ADDRESSEE_GAP_LINES: Final = 1  # blank lines between the title and the addressee

# Signature and date (§7.3.5)
DATE_RIGHT_INDENT_CHARS: Final = 4
SIGNATURE_GAP_LINES: Final = 2  # blank lines between the body and the signature (room for the seal)
SIGNATURE_MIN_GAP_LINES: Final = 1

# Page numbers (§7.5)
PAGE_NUMBER_SIZE: Final = SIZE_4HAO
PAGE_NUMBER_GAP_MM: Final = 7.0  # from the text block's lower edge down to the dash (一字线上距版心下边缘7mm)
# Height of an em dash's upper edge above the baseline, in em, measured on the Song faces used
# (AR PL UMing 0.395, SimSun about the same): places the dash itself, not its character box, 7 mm down.
PAGE_NUMBER_DASH_RISE: Final = 0.395
PAGE_NUMBER_INDENT: Final = SIZE_4HAO  # one character in from the outer edge
PAGE_NUMBER_DASH: Final = "—"

# Colours: red is Y80 M80 (§6.2)
RED: Final = CMYKColor(0, 0.8, 0.8, 0)
BLACK: Final = CMYKColor(0, 0, 0, 1)

# Receipt slip (送达回执)
RECEIPT_ROW_HEIGHT_MM: Final = 16.0
RECEIPT_LABEL_WIDTH_MM: Final = 42.0
CUT_LINE_DASH: Final = (6.0, 3.0)

# Closing punctuation may not start a line; opening punctuation may not end one (GB/T 15834 practice).
NO_LINE_START: Final = frozenset("，。、；：？！）」』》〉】〕〗’”…—·%‰℃,.;:?!)]}>、～")
NO_LINE_END: Final = frozenset("（「『《〈【〔〖‘“([{<")

# Draft mark (草稿): grey over the text, red in the top margin
DRAFT_GREY: Final = CMYKColor(0, 0, 0, 0.35)
DRAFT_RED: Final = CMYKColor(0, 0.8, 0.8, 0)
