//===- DirectParserTest.cpp - DirectParser builds AstBuilder's AST --------===//
//
// Every .rtc file of the repository (lit inputs, examples, stdlib), bench/gen
// output and a set of tricky snippets are parsed twice: by parseDirect and
// by parseBuffer forced onto the ANTLR path. Where parseDirect accepts the
// input, the two ASTs (every node, name, value and source range) must be
// identical; where it gives up, the input must really have needed ANTLR.
//
//===----------------------------------------------------------------------===//
#include "DirectParser.h"
#include "LexerTestSupport.h"
#include "rtc/Diag/DiagnosticsEngine.h"
#include "rtc/Parse/Parser.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <random>

using namespace rtc;
using namespace rtc::ast;
using llvm::dyn_cast;

namespace {

/// A text form of the AST with ranges as byte offsets from Base.
class Dumper {
public:
  explicit Dumper(const char *Base) : Base(Base) {}
  std::string file(const File &F) {
    for (const ItemPtr &I : F.Items)
      item(*I);
    for (const Comment &C : F.Comments)
      OS << "comment " << range(C.Range) << " " << C.IsBlock << " [" << C.Text << "]\n";
    return OS.str();
  }

private:
  std::string range(llvm::SMRange R) {
    if (!R.isValid())
      return "<none>";
    return std::to_string(R.Start.getPointer() - Base) + "-" +
           std::to_string(R.End.getPointer() - Base);
  }
  std::string ident(const Ident &I) { return I.Name + "@" + range(I.Range); }
  void item(const Item &I) {
    OS << "item " << static_cast<int>(I.getKind()) << " " << range(I.Range) << "\n";
    if (auto *A = dyn_cast<Attribute>(&I)) {
      OS << "attr " << ident(A->Name) << "\n";
      expr(A->Value.get());
    } else if (auto *B = dyn_cast<Block>(&I)) {
      OS << "block " << ident(B->Type) << " open " << (B->OpenBrace.getPointer() - Base)
         << " close " << (B->CloseBrace.getPointer() - Base) << "\n";
      for (const Label &L : B->Labels)
        OS << "label [" << L.Value << "] " << L.Quoted << " " << range(L.Range) << "\n";
      for (const ItemPtr &Sub : B->Body)
        item(*Sub);
      OS << "end block\n";
    } else if (auto *L = dyn_cast<LetDecl>(&I)) {
      OS << "let " << ident(L->Name) << "\n";
      expr(L->Value.get());
    } else if (auto *Imp = dyn_cast<ImportDecl>(&I)) {
      OS << "import as " << ident(Imp->Alias) << "\n";
      expr(Imp->Path.get());
    } else if (auto *R = dyn_cast<RuleStmt>(&I)) {
      OS << "rule " << static_cast<int>(R->Eff) << "\n";
      expr(R->Actions.get());
      expr(R->Resources.get());
    }
  }
  void expr(const Expr *E) {
    if (!E) {
      OS << "null-expr\n";
      return;
    }
    OS << "expr " << static_cast<int>(E->getKind()) << " " << range(E->Range);
    if (auto *N = dyn_cast<NumberExpr>(E))
      OS << " " << N->Spelling << " " << N->Value << "\n";
    else if (auto *B = dyn_cast<BoolExpr>(E))
      OS << " " << B->Value << "\n";
    else if (auto *S = dyn_cast<StringExpr>(E)) {
      OS << " style " << static_cast<int>(S->Form) << "\n";
      for (const StringPart &P : S->Parts) {
        OS << "part " << range(P.Range) << " [" << P.Text << "]\n";
        if (P.Interp)
          expr(P.Interp.get());
      }
    } else if (auto *L = dyn_cast<ListExpr>(E)) {
      OS << "\n";
      for (const ExprPtr &X : L->Elements)
        expr(X.get());
    } else if (auto *M = dyn_cast<MapExpr>(E)) {
      OS << "\n";
      for (const MapEntry &En : M->Entries) {
        OS << "entry " << range(En.Range) << " " << ident(En.KeyIdent) << " " << En.UsesColon
           << "\n";
        if (En.KeyString)
          expr(En.KeyString.get());
        expr(En.Value.get());
      }
    } else if (auto *N = dyn_cast<NameExpr>(E))
      OS << " " << N->Name << "\n";
    else if (auto *G = dyn_cast<GetAttrExpr>(E)) {
      OS << " ." << ident(G->Attr) << "\n";
      expr(G->Base.get());
    } else if (auto *I = dyn_cast<IndexExpr>(E)) {
      OS << "\n";
      expr(I->Base.get());
      expr(I->Index.get());
    } else if (auto *C = dyn_cast<CallExpr>(E)) {
      OS << " " << ident(C->Callee) << "\n";
      for (const ExprPtr &X : C->Args)
        expr(X.get());
    } else if (auto *U = dyn_cast<UnaryExpr>(E)) {
      OS << " " << U->Op << "\n";
      expr(U->Operand.get());
    } else if (auto *B = dyn_cast<BinaryExpr>(E)) {
      OS << " " << B->Op << " op " << range(B->OpRange) << "\n";
      expr(B->LHS.get());
      expr(B->RHS.get());
    } else if (auto *C = dyn_cast<CondExpr>(E)) {
      OS << "\n";
      expr(C->Cond.get());
      expr(C->Then.get());
      expr(C->Else.get());
    } else if (auto *P = dyn_cast<ParenExpr>(E)) {
      OS << "\n";
      expr(P->Inner.get());
    } else {
      OS << "\n";
    }
  }

  const char *Base;
  std::string Buf;
  llvm::raw_string_ostream OS{Buf};
};

enum class Outcome { Same, Different, GaveUp, GaveUpOnValid };

struct Comparison {
  Outcome O;
  std::string Direct, Antlr;
};

Comparison compare(const std::string &Text) {
  llvm::SourceMgr SM;
  unsigned Id = SM.AddNewSourceBuffer(llvm::MemoryBuffer::getMemBufferCopy(Text, "input.rtc"),
                                      llvm::SMLoc());
  DiagnosticsEngine Diags(SM);
  llvm::StringRef Buf = SM.getMemoryBuffer(Id)->getBuffer();
  ParseOptions Opts;
  Opts.UseAntlrParser = true;
  File Antlr = parseBuffer(Id, Diags, Opts);
  File Direct;
  Comparison C;
  C.Antlr = Dumper(Buf.data()).file(Antlr);
  // parseBuffer only hands valid UTF-8 to parseDirect.
  const auto *B = reinterpret_cast<const llvm::UTF8 *>(Buf.begin());
  bool Utf8 = llvm::isLegalUTF8String(&B, reinterpret_cast<const llvm::UTF8 *>(Buf.end()));
  if (!Utf8 || !parseDirect(Buf, Direct)) {
    C.O = Diags.errorCount() == 0 ? Outcome::GaveUpOnValid : Outcome::GaveUp;
    return C;
  }
  C.Direct = Dumper(Buf.data()).file(Direct);
  // Accepting input with errors would hide them.
  C.O = Diags.errorCount() == 0 && C.Direct == C.Antlr ? Outcome::Same : Outcome::Different;
  return C;
}

std::string sourceDir() {
  if (const char *Env = std::getenv("RTCC_SOURCE_DIR"))
    return Env;
  return RTCC_TEST_SOURCE_DIR;
}

std::vector<std::string> repositoryFiles() {
  std::vector<std::string> Out;
  for (const char *Sub : {"tests/lit", "examples", "stdlib", "tests/fuzz"}) {
    std::error_code EC;
    std::string Dir = sourceDir() + "/" + Sub;
    for (llvm::sys::fs::recursive_directory_iterator It(Dir, EC), End; It != End && !EC;
         It.increment(EC))
      if (llvm::StringRef(It->path()).endswith(".rtc"))
        Out.push_back(It->path());
  }
  std::sort(Out.begin(), Out.end());
  return Out;
}

TEST(DirectParser, BuildsTheSameAstAsAntlrOnEveryRepositoryFile) {
  std::vector<std::string> Files = repositoryFiles();
  ASSERT_GT(Files.size(), 50u) << "no .rtc files under " << sourceDir();
  size_t Accepted = 0;
  for (const std::string &Path : Files) {
    auto Buf = llvm::MemoryBuffer::getFile(Path);
    ASSERT_TRUE(Buf) << Path;
    Comparison C = compare(Buf.get()->getBuffer().str());
    EXPECT_NE(C.O, Outcome::Different) << Path << "\n--- direct\n"
                                       << C.Direct << "--- antlr\n" << C.Antlr;
    Accepted += C.O == Outcome::Same;
  }
  // Most files are valid and should take the fast path.
  EXPECT_GT(Accepted, Files.size() / 2);
}

TEST(DirectParser, AcceptsEveryStdlibFile) {
  std::error_code EC;
  size_t N = 0;
  for (llvm::sys::fs::recursive_directory_iterator It(sourceDir() + "/stdlib", EC), End;
       It != End && !EC; It.increment(EC)) {
    if (!llvm::StringRef(It->path()).endswith(".rtc"))
      continue;
    auto Buf = llvm::MemoryBuffer::getFile(It->path());
    ASSERT_TRUE(Buf);
    EXPECT_EQ(compare(Buf.get()->getBuffer().str()).O, Outcome::Same) << It->path();
    ++N;
  }
  EXPECT_GT(N, 5u);
}

TEST(DirectParser, AcceptsGeneratedConfigurations) {
  std::string Config = lexertest::generateConfig(400);
  ASSERT_FALSE(Config.empty()) << "bench/gen did not run";
  Comparison C = compare(Config);
  EXPECT_EQ(C.O, Outcome::Same) << "--- direct\n" << C.Direct << "--- antlr\n" << C.Antlr;
}

TEST(DirectParser, MatchesAntlrOnPrecedenceStringsAndKeywords) {
  const char *Cases[] = {
      "a = 1 + 2 * 3 - 4 / 5 % 6\n",
      "a = -x.y[0] * !b\n",
      "a = - - 1\n",
      "a = x || y && z == w != v < u <= t > s >= r\n",
      "a = c ? d : e ? f : g\n",
      "a = x || y ? 1 : 2 + 3\n",
      "a = c ? d ? e : f : g\n",
      "a = (1 + 2) * f(x, y,)[1].z\n",
      "a = f()\nb = g(1)\n",
      "a = [1, 2,]\nb = []\nc = {}\n",
      "m = { a = 1, b: 2 \"c\" = 3, `d` = 4, on = 5 }\n",
      "k { on = 1\n as = 2\n let = 3\n allow = 4\n deny = 5 }\n",
      "let x = on.as.let\n",
      "policy p { allow [\"a\"] on [\"b\"]\n deny [\"c\"] on \"d\" }\n",
      "block \"quoted label\" other `raw` { x = 1 }\n",
      "s = \"a${b}c\\n\\t\\u00e9\\u{1F600}\\\"$${x}$ $\"\n",
      "s = \"${ {a = 1} }\"\n",
      "t = \"\"\"\n    line one\n      line ${x} two\n    \\n \"q\" \"\"\"\n",
      "t = \"\"\"   \n  a\n  \"\"\"\n",
      "t = \"\"\"${ \"\"\"\n    inner\n    \"\"\" } outer\"\"\"\n",
      "t = \"\"\"no newline\"\"\"\n",
      "r = `raw ${x} \\n`\n",
      "n = 1.5e3 + 2E-2 + 0.25\n",
      "x = a\n(1)\ny = b\n[0]\n",
      "// line\n# hash\n/* block\n */ a = 1 // tail\n",
      ("\xEF\xBB\xBF" "a = \"é${x}ü\"\n"),
      "a = true != false == null\n",
      "outer { inner { deeper label { x = [ { a = 1 } ] } } }\n",
      "a = x.on.import\n",
      "a = f(g(h(1)))\n",
  };
  for (const char *Src : Cases) {
    Comparison C = compare(Src);
    EXPECT_EQ(C.O, Outcome::Same) << Src << "--- direct\n" << C.Direct << "--- antlr\n" << C.Antlr;
  }
}

TEST(DirectParser, GivesUpOnErrorsAndAmbiguousItems) {
  const char *Cases[] = {
      "a = \n",          "a = 1 +\n",     "x { a = 1\n",         "a = \"open\n",
      "a = \"\\q\"\n",   "a = `open\n",   "/* open\na = 1\n",    "a = 1;\n",
      "import \"x.rtc\"\n", "allow x on y\n", "a = {,}\n",       "a = [1 2]\n",
      "a = \"\"\"open\n", "let x\n",       "true = 1\n",          "a = f(,)\n",
  };
  for (const char *Src : Cases) {
    Comparison C = compare(Src);
    EXPECT_TRUE(C.O == Outcome::GaveUp || C.O == Outcome::GaveUpOnValid) << Src;
  }
}

TEST(DirectParser, NeverAcceptsWhatAntlrRejectsOnRandomInput) {
  std::mt19937 Rng(20261125);
  for (int I = 0; I < 3000; ++I) {
    std::string Src = lexertest::randomSoup(Rng);
    Comparison C = compare(Src);
    ASSERT_NE(C.O, Outcome::Different) << lexertest::escaped(Src) << "\n--- direct\n"
                                       << C.Direct << "--- antlr\n" << C.Antlr;
  }
}

} // namespace
