//===- AttributePath.cpp - values at `a.b[2].c` paths ---------------------===//
#include "rtc/IR/AttributePath.h"

namespace rtc::ir {

const Value *valueAtPath(const Value &Root, llvm::StringRef Path) {
  const Value *Cur = &Root;
  while (!Path.empty()) {
    if (Path.consume_front("[")) {
      size_t Close = Path.find(']');
      unsigned long long Index = 0;
      if (Close == llvm::StringRef::npos ||
          Path.take_front(Close).getAsInteger(10, Index) || !Cur->is_array() ||
          Index >= Cur->size())
        return nullptr;
      Cur = &(*Cur)[static_cast<size_t>(Index)];
      Path = Path.drop_front(Close + 1);
    } else {
      Path.consume_front(".");
      llvm::StringRef Key =
          Path.take_until([](char C) { return C == '.' || C == '['; });
      if (!Cur->is_object())
        return nullptr;
      auto It = Cur->find(Key.str());
      if (It == Cur->end())
        return nullptr;
      Cur = &*It;
      Path = Path.drop_front(Key.size());
    }
  }
  return Cur;
}

Value *valueAtPath(Value &Root, llvm::StringRef Path) {
  return const_cast<Value *>(
      valueAtPath(static_cast<const Value &>(Root), Path));
}

void replaceAtPaths(Value &Root, const std::vector<std::string> &Paths,
                    llvm::function_ref<Value(const Value &)> Replace) {
  for (const std::string &P : Paths)
    if (Value *V = valueAtPath(Root, P))
      *V = Replace(*V);
}

} // namespace rtc::ir
