// The one error type every cloud client call fails with.
#include "rtc/Cloud/CloudError.h"

#include "llvm/Support/raw_ostream.h"

namespace rtc::cloud {

char CloudError::ID = 0;

CloudError::CloudError(int HttpStatus, std::string Code, std::string Message,
                       std::string RequestId)
    : HttpStatus(HttpStatus), Code(std::move(Code)),
      Message(std::move(Message)), RequestId(std::move(RequestId)),
      Retryable(classifyRetryable(this->HttpStatus, this->Code)) {}

bool CloudError::classifyRetryable(int HttpStatus, llvm::StringRef Code) {
  if (Code.startswith("Throttling") || Code == "ServiceUnavailable" ||
      Code == "InternalError")
    return true;
  if (HttpStatus == 429 || HttpStatus >= 500)
    return true;
  return false;
}

bool CloudError::isThrottling() const {
  llvm::StringRef C(Code);
  return C.startswith("Throttling") || C == "ServiceUnavailable" ||
         HttpStatus == 429 || HttpStatus == 503;
}

bool CloudError::isNotFound() const {
  llvm::StringRef C(Code);
  return C.startswith("EntityNotExist") || C.endswith(".NotFound") ||
         C.endswith("NotExist") || C.endswith("NotFound") || HttpStatus == 404;
}

bool CloudError::isAlreadyExists() const {
  return llvm::StringRef(Code).startswith("EntityAlreadyExists") ||
         llvm::StringRef(Code).endswith("AlreadyExists") ||
         llvm::StringRef(Code).endswith("AlreadyExist");
}

void CloudError::log(llvm::raw_ostream &OS) const {
  OS << Code;
  if (HttpStatus)
    OS << " (HTTP " << HttpStatus << ")";
  if (!Message.empty())
    OS << ": " << Message;
  if (!RequestId.empty())
    OS << " [RequestId " << RequestId << "]";
}

std::error_code CloudError::convertToErrorCode() const {
  return llvm::inconvertibleErrorCode();
}

llvm::Error makeCloudError(int HttpStatus, std::string Code,
                           std::string Message, std::string RequestId) {
  return llvm::make_error<CloudError>(HttpStatus, std::move(Code),
                                      std::move(Message), std::move(RequestId));
}

CloudError takeCloudError(llvm::Error E) {
  CloudError Out;
  Out.Code = "Internal";
  llvm::handleAllErrors(
      std::move(E), [&](const CloudError &CE) { Out = CE; },
      [&](const llvm::ErrorInfoBase &Other) { Out.Message = Other.message(); });
  return Out;
}

} // namespace rtc::cloud
