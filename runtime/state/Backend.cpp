//===- Backend.cpp - the backend factory ----------------------------------===//
#include "rtc/State/Backend.h"
#include "rtc/State/LocalBackend.h"
#include "rtc/State/PgBackend.h"
#include "rtc/State/StateError.h"

namespace rtc::state {

static bool isValidSchemaName(const std::string &S) {
  if (S.empty() || S.size() > 63 || isdigit(static_cast<unsigned char>(S[0])))
    return false;
  for (char C : S)
    if (!((C >= 'a' && C <= 'z') || (C >= '0' && C <= '9') || C == '_'))
      return false;
  return true;
}

llvm::Expected<std::unique_ptr<Backend>> makeBackend(const BackendConfig &C) {
  switch (C.Type) {
  case BackendConfig::Kind::Local:
    return makeLocalBackend(C);
  case BackendConfig::Kind::Pg:
    if (C.PgConn.empty())
      return makeError(ErrId::err_pg_conn_missing);
    if (!isValidSchemaName(C.PgSchema))
      return makeError(ErrId::err_pg_schema_name, C.PgSchema);
    return makePgBackend(C);
  }
  return makeError(ErrId::err_unknown_backend, "?");
}

} // namespace rtc::state
