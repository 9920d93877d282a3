//===- ApplySupport.cpp - configuration, locked state, approval -----------===//
#include "ApplySupport.h"
#include "CommandRegistry.h"
#include "rtc/Rules/Rules.h"
#include "rtc/State/Backend.h"
#include "rtc/State/LockInfo.h"
#include "rtc/State/Workspace.h"

#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <csignal>
#include <iostream>
#include <pthread.h>
#include <unistd.h>
#include <utility>

using namespace llvm;

namespace rtc::driver {

int loadConfiguration(const std::vector<std::string> &Paths,
                      const char *Command, CheckedConfig &Out,
                      RuleTiming Timing) {
  Out.S = std::make_unique<Session>();
  Session &S = *Out.S;
  std::vector<std::string> In =
      Paths.empty() ? std::vector<std::string>{"."} : Paths;
  std::vector<std::string> Files =
      collectInputs(In, S.diags(), /*SkipModuleFolders=*/true);
  auto Configs = groupByConfiguration(Files);
  if (S.diags().errorCount() || Configs.empty()) {
    int Code = S.finish();
    return Code ? Code : ExitInputError;
  }
  if (Configs.size() != 1) {
    WithColor::error(errs(), std::string("rtcc ") + Command)
        << Command << " takes one configuration (one folder); got "
        << Configs.size() << "\n";
    return ExitInputError; // not 2: -detailed-exitcode gives 2 to "changes"
  }
  std::vector<ast::File> Asts = S.parseAll(Configs.front());
  Out.Prog = analyze(Asts, S.diags(), semaOptions());
  if (!S.diags().errorCount() && Timing == RuleTiming::Now) {
    RuleOptions Opts;
    Opts.LeastPrivilegeRemarks = false;
    runRules(Out.Prog, S.diags(), Opts);
  }
  if (S.diags().errorCount())
    return S.finish();
  SmallString<256> Dir(Configs.front().front());
  sys::path::remove_filename(Dir);
  Out.Dir = Dir.empty() ? "." : std::string(Dir);
  return ExitOk;
}

namespace {

std::vector<std::string> storedStrings(const nlohmann::json &V) {
  std::vector<std::string> Out;
  if (V.is_array())
    for (const nlohmann::json &E : V)
      if (E.is_string())
        Out.push_back(E.get<std::string>());
  return Out;
}

/// What the rules that depend on the cloud need from one stored resource.
void rememberStored(const state::ResourceState &R, RuleOptions &Opts) {
  const nlohmann::json &A = R.Attributes;
  if (R.Kind == "cluster") {
    Opts.ExistingClusters.insert(R.Address);
    if (A.contains("engines") && A["engines"].is_object()) {
      const nlohmann::json &E = A["engines"];
      RuleOptions::StoredEngines &S = Opts.ExistingEngines[R.Address];
      S.Installed = storedStrings(E.value("installed", nlohmann::json()));
      S.Current = E.value("current", "");
    }
  }
  if (R.Kind == "role" && A.contains("name") && A["name"].is_string())
    Opts.ExistingRoleNames.insert(A["name"].get<std::string>());
}

} // namespace

int checkAgainstState(CheckedConfig &C, const state::State *Cur,
                      bool LeastPrivilegeRemarks) {
  RuleOptions Opts;
  Opts.StateKnown = true;
  Opts.LeastPrivilegeRemarks = LeastPrivilegeRemarks;
  if (Cur)
    for (const state::ResourceState &R : Cur->Resources)
      rememberStored(R, Opts);
  runRules(C.Prog, C.S->diags(), Opts);
  return C.S->diags().errorCount() ? C.S->finish() : ExitOk;
}

Expected<std::unique_ptr<LockedState>>
LockedState::open(const state::BackendOptions &Flags,
                  const std::string &ConfigDir, const std::string &Workspace,
                  const std::string &Operation) {
  auto Config = Flags.toConfig();
  if (!Config)
    return Config.takeError();
  // `.rtc/` lives beside the configuration unless -dir says otherwise.
  if (Flags.dir() == ".")
    Config->WorkingDir = ConfigDir;
  auto B = state::makeBackend(*Config);
  if (!B)
    return B.takeError();
  std::string Ws = Workspace;
  if (Ws.empty()) {
    auto Cur = state::currentWorkspace(Config->WorkingDir);
    if (!Cur)
      return Cur.takeError();
    Ws = *Cur;
  }
  auto M = (*B)->stateManager(Ws);
  if (!M)
    return M.takeError();
  std::unique_ptr<LockedState> L(new LockedState());
  L->Manager = std::move(*M);
  if (Flags.lockEnabled()) {
    auto Timeout = Flags.lockTimeout();
    if (!Timeout)
      return Timeout.takeError();
    auto Id = state::lockWithTimeout(
        *L->Manager,
        state::LockInfo::forCurrentProcess(Operation, RTCC_VERSION), *Timeout);
    if (!Id)
      return Id.takeError();
    L->LockId = *Id;
  }
  if (Error E = L->Manager->refreshState())
    return std::move(E);
  return std::move(L);
}

LockedState::~LockedState() { release(); }

void LockedState::release() {
  std::lock_guard<std::mutex> G(ReleaseMutex);
  if (LockId.empty())
    return;
  std::string Id = std::exchange(LockId, "");
  if (Error E = Manager->unlock(Id))
    WithColor::warning(errs(), "rtcc")
        << "could not release the state lock " << Id << ": "
        << toString(std::move(E)) << "\n";
}

state::State LockedState::current() const {
  if (Manager->state())
    return *Manager->state();
  state::State S;
  S.Lineage = state::newLineage();
  return S;
}

Error LockedState::save(const state::State &S) {
  std::lock_guard<std::mutex> G(SaveMutex);
  // We hold the lock, so the stored serial is ours: each save continues
  // from the last one (the executor's snapshots carry the serial they
  // started from).
  state::State Next = S;
  if (const auto &Stored = Manager->state()) {
    Next.Serial = std::max(Next.Serial, Stored->Serial);
    Next.Lineage = Stored->Lineage;
  }
  Manager->writeState(std::move(Next));
  return Manager->persistState();
}

ApplyFlags::ApplyFlags(cl::SubCommand &Sub)
    : AutoApprove("auto-approve", cl::desc("Apply without asking (for CI)"),
                  cl::sub(Sub)),
      Input("input",
            cl::desc("Ask for approval on the terminal (default true)"),
            cl::init(true), cl::sub(Sub)),
      Parallelism("parallelism", cl::desc("Steps run at once (default 10)"),
                  cl::init(10), cl::sub(Sub)),
      Json("json", cl::desc("Progress as one JSON object per line"),
           cl::sub(Sub)),
      NoColor("no-color", cl::desc("Plain output"), cl::sub(Sub)),
      AllowDangerous("allow-dangerous",
                     cl::desc("Allow changes the plan marks dangerous (e.g. "
                              "deleting AliyunStreamDefaultRole)"),
                     cl::sub(Sub)),
      WorkspaceName("workspace",
                    cl::desc("Workspace (default: the selected one)"),
                    cl::value_desc("NAME"), cl::sub(Sub)),
      ManualTimeout("manual-timeout",
                    cl::desc("How long each manual step (a console "
                             "operation) is waited for, e.g. 30s or 10m "
                             "(default 0: check once)"),
                    cl::value_desc("DURATION"), cl::init("0"), cl::sub(Sub)) {}

bool ApplyFlags::color() const {
  return !NoColor && !Json && stdoutColor();
}

std::unique_ptr<exec::ExecObserver> ApplyFlags::view() const {
  if (Json)
    return exec::makeJsonView(outs());
  return exec::makeHumanView(outs(), color());
}

Expected<bool> confirm(const std::string &Question, const ApplyFlags &F) {
  if (F.AutoApprove)
    return true;
  if (!F.Input)
    return createStringError(inconvertibleErrorCode(),
                             "approval needed but -input=false was given; "
                             "pass -auto-approve to apply without asking");
  if (!::isatty(STDIN_FILENO))
    return createStringError(
        inconvertibleErrorCode(),
        "approval needed but standard input is not a terminal, so rtcc "
        "will not prompt; pass -auto-approve (e.g. in CI) or apply a saved "
        "plan reviewed with `rtcc show`");
  outs() << "\n"
         << Question << "\n  Only 'yes' will be accepted to approve.\n\n"
         << "  Enter a value: ";
  outs().flush();
  std::string Answer;
  std::getline(std::cin, Answer);
  return Answer == "yes";
}

int reportFailure(const char *Command, Error E) {
  WithColor::error(errs(), std::string("rtcc ") + Command)
      << toString(std::move(E)) << "\n";
  return ExitInputError;
}

} // namespace rtc::driver

namespace rtc::driver {

static sigset_t interruptSignals() {
  sigset_t Set;
  sigemptyset(&Set);
  sigaddset(&Set, SIGINT);
  sigaddset(&Set, SIGTERM);
  sigaddset(&Set, SIGUSR2); // the destructor's wake-up
  return Set;
}

InterruptWatcher::InterruptWatcher() {
  // A shell starts background jobs with SIGINT ignored, and an ignored
  // signal is discarded even while blocked: take it back.
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  sigset_t Set = interruptSignals();
  pthread_sigmask(SIG_BLOCK, &Set, nullptr);
  Thread = std::thread([this] { loop(); });
}

InterruptWatcher::~InterruptWatcher() {
  {
    std::lock_guard<std::mutex> L(M);
    Done = true;
  }
  pthread_kill(Thread.native_handle(), SIGUSR2);
  Thread.join();
  sigset_t Set = interruptSignals();
  // Signals that arrive from here on act as they always did.
  sigdelset(&Set, SIGUSR2);
  pthread_sigmask(SIG_UNBLOCK, &Set, nullptr);
}

void InterruptWatcher::setHandlers(std::function<void()> OnFirst,
                                   std::function<void()> OnSecond) {
  std::lock_guard<std::mutex> L(M);
  First = std::move(OnFirst);
  Second = std::move(OnSecond);
}

void InterruptWatcher::loop() {
  sigset_t Set = interruptSignals();
  for (unsigned Seen = 0;;) {
    int Sig = 0;
    if (sigwait(&Set, &Sig) != 0)
      continue;
    std::function<void()> Call;
    {
      std::lock_guard<std::mutex> L(M);
      if (Done)
        return;
      if (Sig == SIGUSR2)
        continue;
      Call = ++Seen == 1 ? First : Second;
    }
    Flag = true;
    if (Call)
      Call();
    else if (Seen > 1)
      _exit(130);
  }
}

} // namespace rtc::driver
