//===- TestUtil.h - temp dirs and sample states for state tests -*- C++ -*-===//
#ifndef RTC_TESTS_STATE_TESTUTIL_H
#define RTC_TESTS_STATE_TESTUTIL_H

#include "rtc/State/State.h"
#include "rtc/State/StateError.h"

#include "llvm/Support/Error.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace rtc::state::test {

/// A fresh directory under $TMPDIR, removed at destruction.
class TempDir {
public:
  TempDir() {
    std::string Tmpl = (std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp");
    Tmpl += "/rtcc-state-test-XXXXXX";
    char *P = mkdtemp(Tmpl.data());
    if (P)
      Path = P;
  }
  ~TempDir() {
    if (!Path.empty())
      std::system(("rm -rf '" + Path + "'").c_str());
  }
  std::string Path;
};

inline std::string readFile(const std::string &Path) {
  std::ifstream In(Path, std::ios::binary);
  std::stringstream SS;
  SS << In.rdbuf();
  return SS.str();
}

inline ResourceState makeResource(const std::string &Kind,
                                  const std::string &Name, int Size = 0) {
  ResourceState R;
  R.Kind = Kind;
  R.Name = Name;
  R.Address = Kind + "." + Name;
  R.CloudId = Kind.substr(0, 1) + "-" + Name;
  R.Attributes = {{"zone", "cn-hangzhou-h"}, {"count", Size}};
  return R;
}

/// The id of a StateError, or nullopt for success / other errors.
inline std::optional<ErrId> idOf(llvm::Error E) { return errorId(std::move(E)); }
template <typename T> std::optional<ErrId> idOf(llvm::Expected<T> &X) {
  if (X)
    return std::nullopt;
  return errorId(X.takeError());
}
template <typename T> std::optional<ErrId> idOf(llvm::Expected<T> &&X) {
  return idOf(X);
}

#define ASSERT_NO_ERR(X)                                                       \
  do {                                                                         \
    llvm::Error E_ = (X);                                                      \
    ASSERT_FALSE(E_) << llvm::toString(std::move(E_));                         \
  } while (0)

} // namespace rtc::state::test

#endif
