//===- Views.cpp - human and JSON renderings of executor events -----------===//
#include "rtc/Exec/Events.h"
#include "rtc/State/LockInfo.h"

#include "llvm/Support/WithColor.h"

#include <nlohmann/json.hpp>

namespace rtc::exec {

const char *eventTypeName(EventType T) {
  switch (T) {
  case EventType::Start: return "start";
  case EventType::Progress: return "progress";
  case EventType::Still: return "still";
  case EventType::Done: return "done";
  case EventType::Failed: return "failed";
  case EventType::Skipped: return "skipped";
  case EventType::Outstanding:
    return "outstanding";
  case EventType::Refreshed: return "refreshed";
  case EventType::Drifted: return "drifted";
  }
  return "unknown";
}

std::string formatElapsed(std::chrono::milliseconds D) {
  long long Ms = D.count();
  if (Ms < 1000)
    return std::to_string(Ms) + "ms";
  long long S = Ms / 1000, M = S / 60, H = M / 60;
  std::string Out;
  if (H)
    Out += std::to_string(H) + "h";
  if (M)
    Out += std::to_string(M % 60) + "m";
  if (S % 60 || Out.empty())
    Out += std::to_string(S % 60) + "s";
  return Out;
}

namespace {

/// "create" → {"Creating", "Still creating", "Creation complete"}.
struct Wording {
  std::string Ing, Still, Complete, Failed;
};

Wording wordingFor(const std::string &Op) {
  if (Op == "create")
    return {"Creating...", "Still creating...", "Creation complete", "Creation failed"};
  if (Op == "update")
    return {"Modifying...", "Still modifying...", "Modifications complete",
            "Modifications failed"};
  if (Op == "delete")
    return {"Destroying...", "Still destroying...", "Destruction complete",
            "Destruction failed"};
  if (Op == "read")
    return {"Refreshing state...", "Still reading...", "Read complete", "Read failed"};
  if (Op == "import")
    return {"Importing...", "Still importing...", "Import complete", "Import failed"};
  // Engine steps: "install engine blink-3.3.0".
  std::string Cap = Op;
  if (!Cap.empty())
    Cap[0] = static_cast<char>(toupper(Cap[0]));
  return {Cap + "...", "Still running: " + Op + "...", Cap + " complete",
          Cap + " failed"};
}

class HumanView : public ExecObserver {
public:
  HumanView(llvm::raw_ostream &OS, bool Color) : OS(OS), Color(Color) {}

  void onEvent(const ExecEvent &E) override {
    std::lock_guard<std::mutex> L(M);
    Wording W = wordingFor(E.Operation);
    switch (E.Type) {
    case EventType::Start:
      bold(E.Address + ": ");
      OS << W.Ing << "\n";
      break;
    case EventType::Progress:
      bold(E.Address + ": ");
      OS << E.Message << "\n";
      break;
    case EventType::Still:
      bold(E.Address + ": ");
      OS << W.Still << " [" << formatElapsed(E.Elapsed) << " elapsed"
         << (E.Message.empty() ? "" : ", " + E.Message) << "]\n";
      break;
    case EventType::Done:
      bold(E.Address + ": ");
      OS << W.Complete << " after " << formatElapsed(E.Elapsed);
      if (!E.Message.empty())
        OS << " [" << E.Message << "]";
      OS << "\n";
      break;
    case EventType::Failed:
      // One line here; the whole error is reported once, in the summary
      // after the run (it used to be printed twice).
      bold(E.Address + ": ");
      if (Color)
        OS.changeColor(llvm::raw_ostream::RED, true);
      OS << W.Failed;
      if (Color)
        OS.resetColor();
      OS << " after " << formatElapsed(E.Elapsed)
         << (E.Code.empty() ? "" : " [" + E.Code + "]")
         << "; the error is shown at the end\n";
      break;
    case EventType::Skipped:
      bold(E.Address + ": ");
      OS << "Skipped " << E.Operation << ": " << E.Message << "\n";
      break;
    case EventType::Outstanding:
      bold(E.Address + ": ");
      OS << "Manual step outstanding after " << formatElapsed(E.Elapsed) << ": "
         << E.Message << "\n";
      break;
    case EventType::Refreshed:
      bold(E.Address + ": ");
      OS << "Refreshing state..." << (E.Message.empty() ? "" : " [" + E.Message + "]")
         << "\n";
      break;
    case EventType::Drifted:
      bold(E.Address + ": ");
      OS << E.Message << "\n";
      break;
    }
    OS.flush();
  }

private:
  void bold(const std::string &S) {
    if (Color)
      OS.changeColor(llvm::raw_ostream::SAVEDCOLOR, true);
    OS << S;
    if (Color)
      OS.resetColor();
  }

  llvm::raw_ostream &OS;
  bool Color;
  std::mutex M;
};

class JsonView : public ExecObserver {
public:
  explicit JsonView(llvm::raw_ostream &OS) : OS(OS) {}

  void onEvent(const ExecEvent &E) override {
    nlohmann::json J = {{"@timestamp", state::nowRfc3339()},
                        {"type", eventTypeName(E.Type)},
                        {"address", E.Address},
                        {"operation", E.Operation},
                        {"elapsed_ms", E.Elapsed.count()}};
    if (!E.Message.empty())
      J["message"] = E.Message;
    if (!E.Code.empty())
      J["code"] = E.Code;
    if (!E.RequestId.empty())
      J["request_id"] = E.RequestId;
    std::lock_guard<std::mutex> L(M);
    OS << J.dump() << "\n";
    OS.flush();
  }

private:
  llvm::raw_ostream &OS;
  std::mutex M;
};

} // namespace

std::unique_ptr<ExecObserver> makeHumanView(llvm::raw_ostream &OS, bool Color) {
  return std::make_unique<HumanView>(OS, Color);
}

std::unique_ptr<ExecObserver> makeJsonView(llvm::raw_ostream &OS) {
  return std::make_unique<JsonView>(OS);
}

} // namespace rtc::exec
