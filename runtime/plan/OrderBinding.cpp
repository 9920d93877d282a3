//===- OrderBinding.cpp - which order each cluster or project uses --------===//
#include "rtc/Plan/OrderBinding.h"
#include "JsonFields.h"

namespace rtc::plan {

namespace {

using nlohmann::json;

/// "3 x 8c32g"; "" when the block is missing.
std::string machines(const json &Attrs, const char *Block) {
  if (!Attrs.is_object() || !Attrs.contains(Block))
    return "";
  const json &B = Attrs[Block];
  return numberAt(B, "count") + " x " + stringAt(B, "model");
}

/// ", 1 month", ", 12 months", or nothing without a duration.
std::string months(const json &Attrs) {
  std::string N = numberAt(Attrs, "duration");
  if (N.empty())
    return "";
  return ", " + N + (N == "1" ? " month" : " months");
}

/// What the order block asks for, e.g. "exclusive, cn-hangzhou,
/// subscription, 12 CU, 12 months".
std::string wanted(const json &Attrs) {
  std::string Out = stringAt(Attrs, "mode") + ", " + stringAt(Attrs, "region") +
                    ", " + stringAt(Attrs, "billing");
  if (std::string Cu = numberAt(Attrs, "cu"); !Cu.empty())
    Out += ", " + Cu + " CU";
  return Out + months(Attrs);
}

std::string orderUse(const ResourceChange &O) {
  const json &A = O.After;
  if (std::string Id = stringAt(A, "id"); !Id.empty())
    return Id + ", pinned by " + O.Address;
  if (O.Act == Action::NoOp || O.Act == Action::Update)
    if (std::string Id = stringAt(O.Before, "id"); !Id.empty())
      return Id + ", bound by " + O.Address;
  std::string Master = machines(A, "master"), Slave = machines(A, "slave");
  if (stringAt(A, "mode") == "exclusive" && !Master.empty() && !Slave.empty())
    return "bought at apply by " + O.Address +
           " (CreateCellClusterOrder: masters " + Master + ", slaves " + Slave +
           ", " + stringAt(A, "billing") +
           (numberAt(A, "duration").empty()
                ? std::string("")
                : ", " + numberAt(A, "duration") + " months") +
           ")";
  return "bound at apply by " + O.Address + " to the unused order with " +
         wanted(A);
}

/// The queue calls of one change, or "" when it makes none.
std::string queueUse(const ResourceChange &C, const json &Attrs) {
  std::string Cluster = stringAt(C.After, Attrs.value("cluster", "").c_str());
  std::string Cu = numberAt(C.After, Attrs.value("cu", "").c_str());
  std::string Queue =
      "queue \"" + stringAt(C.After, "name") + "\" (" + Cu + " CU)";
  if (Cluster.empty() || Cu.empty())
    return "";
  if (C.Act == Action::Create || C.Act == Action::Replace)
    return "CreateQueue " + Queue + " on " + Cluster + ", then BindQueue";
  if (C.Act == Action::Update &&
      numberAt(C.Before, Attrs.value("cu", "").c_str()) != Cu)
    return "UpdateQueue " + Queue + " on " + Cluster;
  return "";
}

} // namespace

void describeQueueUse(Plan &P, const ir::Program &Prog) {
  const json &Queues = Prog.std("cu_queues");
  if (!Queues.is_object())
    return;
  for (ResourceChange &C : P.Changes)
    if (Queues.contains(C.Kind) && Queues[C.Kind].is_object())
      C.QueueUse = queueUse(C, Queues[C.Kind]);
}

void describeOrderUse(Plan &P, const ir::Program &Prog) {
  const json &Consumers = Prog.std("order_consumers");
  if (!Consumers.is_object())
    return;
  for (ResourceChange &C : P.Changes) {
    // Only a create uses an order; an existing object keeps the one it has.
    if ((C.Act != Action::Create && C.Act != Action::Replace) ||
        !Consumers.contains(C.Kind) || !Consumers[C.Kind].is_string())
      continue;
    std::string Ref =
        stringAt(C.After, Consumers[C.Kind].get<std::string>().c_str());
    if (const ResourceChange *O = Ref.empty() ? nullptr : P.find(Ref))
      C.OrderUse = orderUse(*O);
  }
}

} // namespace rtc::plan
