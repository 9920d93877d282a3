//===- TextDiagnosticPrinter.cpp - Clang-style diagnostics for people -----===//
#include "rtc/Diag/TextDiagnosticPrinter.h"
#include "rtc/Diag/DiagnosticLocation.h"
#include "llvm/Support/raw_ostream.h"

using llvm::raw_ostream;
using llvm::StringRef;

namespace rtc {

static constexpr unsigned TabStop = 8;

// Colours follow Clang (TextDiagnostic.cpp) so users see what they know.
static constexpr raw_ostream::Colors NoteColor = raw_ostream::BLACK;
static constexpr raw_ostream::Colors RemarkColor = raw_ostream::BLUE;
static constexpr raw_ostream::Colors WarningColor = raw_ostream::MAGENTA;
static constexpr raw_ostream::Colors ErrorColor = raw_ostream::RED;
static constexpr raw_ostream::Colors CaretColor = raw_ostream::GREEN;
static constexpr raw_ostream::Colors FixItColor = raw_ostream::GREEN;
static constexpr raw_ostream::Colors HintColor = raw_ostream::CYAN;

static raw_ostream::Colors severityColor(Severity Sev) {
  switch (Sev) {
  case Severity::Note:
    return NoteColor;
  case Severity::Remark:
    return RemarkColor;
  case Severity::Warning:
    return WarningColor;
  case Severity::Error:
    return ErrorColor;
  }
  return ErrorColor;
}

TextDiagnosticPrinter::TextDiagnosticPrinter(raw_ostream &OS, bool UseColor)
    : OS(OS), UseColor(UseColor) {
  if (UseColor)
    OS.enable_colors(true);
}

void TextDiagnosticPrinter::printHeader(const llvm::SourceMgr &SM,
                                        llvm::SMLoc Loc, Severity Sev,
                                        StringRef Message, StringRef Code) {
  diag::ResolvedLoc L = diag::resolveLoc(SM, Loc);
  if (L.isValid()) {
    if (UseColor)
      OS.changeColor(raw_ostream::SAVEDCOLOR, /*Bold=*/true);
    OS << L.File << ':' << L.Line << ':' << L.Column << ": ";
    if (UseColor)
      OS.resetColor();
  }
  if (UseColor)
    OS.changeColor(severityColor(Sev), /*Bold=*/true);
  OS << diag::severityName(Sev) << ": ";
  if (UseColor) {
    OS.resetColor();
    OS.changeColor(raw_ostream::SAVEDCOLOR, /*Bold=*/true);
  }
  OS << Message;
  if (!Code.empty())
    OS << " [" << Code << ']';
  if (UseColor)
    OS.resetColor();
  OS << '\n';
}

namespace {
/// A source line laid out in display columns: tabs expand to the next tab
/// stop and UTF-8 continuation bytes take no column.
struct DisplayLine {
  std::string Text;
  std::vector<unsigned> ColOfByte; ///< display column (0-based) of each byte,
                                   ///< plus one entry for end of line
  std::vector<unsigned> WidthOfByte;

  explicit DisplayLine(StringRef Line) {
    unsigned Col = 0;
    ColOfByte.reserve(Line.size() + 1);
    WidthOfByte.reserve(Line.size());
    for (char C : Line) {
      ColOfByte.push_back(Col);
      unsigned W;
      if (C == '\t') {
        W = TabStop - Col % TabStop;
        Text.append(W, ' ');
      } else {
        W = (static_cast<unsigned char>(C) & 0xC0) == 0x80 ? 0 : 1;
        Text.push_back(C);
      }
      WidthOfByte.push_back(W);
      Col += W;
    }
    ColOfByte.push_back(Col);
  }

  unsigned colOf(size_t Byte) const {
    if (Byte < ColOfByte.size())
      return ColOfByte[Byte];
    // Past the end of the line: one column per byte beyond it.
    return ColOfByte.back() +
           static_cast<unsigned>(Byte - (ColOfByte.size() - 1));
  }
};
} // namespace

static void rtrim(std::string &S) {
  while (!S.empty() && S.back() == ' ')
    S.pop_back();
}

void TextDiagnosticPrinter::printSnippet(const llvm::SourceMgr &SM,
                                         llvm::SMRange Range,
                                         llvm::ArrayRef<FixIt> FixIts) {
  if (!ShowSource || !Range.Start.isValid())
    return;
  diag::ResolvedLoc L = diag::resolveLoc(SM, Range.Start);
  if (!L.isValid())
    return;
  const char *LineStart = L.LineText.data();
  const char *LineEnd = LineStart + L.LineText.size();
  size_t StartByte = L.Column - 1;
  // The underline covers [Start, End) clipped to this line: a range that
  // continues on later lines is underlined to the end of its first line.
  size_t EndByte = StartByte;
  if (Range.End.isValid()) {
    const char *E = Range.End.getPointer();
    if (E > Range.Start.getPointer())
      EndByte =
          E <= LineEnd ? static_cast<size_t>(E - LineStart) : L.LineText.size();
  }

  DisplayLine DL(L.LineText);
  std::string Caret;
  auto Mark = [&](size_t Byte, char Ch) {
    unsigned Col = DL.colOf(Byte);
    unsigned W = Byte < DL.WidthOfByte.size() ? DL.WidthOfByte[Byte] : 1;
    if (Caret.size() < Col + W)
      Caret.resize(Col + W, ' ');
    for (unsigned I = 0; I < W; ++I)
      Caret[Col + I] = Ch;
  };
  for (size_t B = StartByte + 1; B < EndByte; ++B)
    Mark(B, '~');
  // The caret goes on the first display column of the start character.
  unsigned CaretCol = DL.colOf(StartByte);
  if (Caret.size() < CaretCol + 1)
    Caret.resize(CaretCol + 1, ' ');
  Caret[CaretCol] = '^';
  rtrim(Caret);

  // Fix-its on this line are shown as the inserted text under the place it
  // goes, like Clang; multi-line replacements are not drawn.
  std::string FixLine;
  for (const FixIt &F : FixIts) {
    if (!F.Range.Start.isValid())
      continue;
    const char *P = F.Range.Start.getPointer();
    if (P < LineStart || P > LineEnd ||
        F.Replacement.find('\n') != std::string::npos || F.Replacement.empty())
      continue;
    unsigned Col = DL.colOf(static_cast<size_t>(P - LineStart));
    if (Col < FixLine.size() &&
        !StringRef(FixLine).drop_front(Col).trim().empty())
      continue; // overlaps an earlier fix-it
    if (FixLine.size() < Col)
      FixLine.resize(Col, ' ');
    FixLine.replace(Col, std::string::npos, F.Replacement);
  }

  OS << DL.Text << '\n';
  if (UseColor)
    OS.changeColor(CaretColor, /*Bold=*/true);
  OS << Caret;
  if (UseColor)
    OS.resetColor();
  OS << '\n';
  if (!FixLine.empty()) {
    if (UseColor)
      OS.changeColor(FixItColor, /*Bold=*/false);
    OS << FixLine;
    if (UseColor)
      OS.resetColor();
    OS << '\n';
  }
}

void TextDiagnosticPrinter::handle(const Diagnostic &D,
                                   const llvm::SourceMgr &SM) {
  printHeader(SM, D.Range.Start, D.Sev, D.Message, D.Code);
  printSnippet(SM, D.Range, D.FixIts);
  for (const DiagnosticNote &N : D.Notes) {
    printHeader(SM, N.Range.Start, Severity::Note, N.Message, StringRef());
    printSnippet(SM, N.Range, {});
  }
  if (!D.Hint.empty()) {
    if (UseColor)
      OS.changeColor(HintColor, /*Bold=*/true);
    OS << "hint: ";
    if (UseColor)
      OS.resetColor();
    OS << D.Hint << '\n';
  }
}

void printDiagnosticSummary(raw_ostream &OS, unsigned Errors,
                            unsigned Warnings) {
  if (Errors == 0 && Warnings == 0)
    return;
  if (Errors)
    OS << Errors << (Errors == 1 ? " error" : " errors");
  if (Errors && Warnings)
    OS << " and ";
  if (Warnings)
    OS << Warnings << (Warnings == 1 ? " warning" : " warnings");
  OS << " generated.\n";
}

} // namespace rtc
