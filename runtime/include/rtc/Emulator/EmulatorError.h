// The errors the emulator answers with, built from EmulatorErrors.def.
#ifndef RTC_EMULATOR_EMULATORERROR_H
#define RTC_EMULATOR_EMULATORERROR_H

#include <cstddef>
#include <initializer_list>
#include <string>

namespace rtc::emulator {

enum class Err {
#define EMU_ERROR(Name, Status, Code, Message) Name,
#include "rtc/Emulator/EmulatorErrors.def"
#undef EMU_ERROR
};

/// An error response: HTTP status, `Code` and `Message` of the JSON body.
/// Request handlers throw it; the server turns it into the response, and the
/// request's transaction is rolled back, so a failed call changes nothing.
struct ApiError {
  int Status;
  std::string Code;
  std::string Message;
};

/// Builds the error \p E with its `{0}`, `{1}`... arguments substituted.
ApiError apiError(Err E, std::initializer_list<std::string> Args = {});

/// Throws apiError(E, Args).
[[noreturn]] void fail(Err E, std::initializer_list<std::string> Args = {});

/// Whether \p Text is well-formed UTF-8 (no overlong forms, surrogates or
/// code points past U+10FFFF): what a JSON answer can carry.
bool isValidUtf8(const std::string &Text);

/// The longest prefix of \p Text of at most \p MaxBytes bytes that does not
/// end inside a UTF-8 sequence (for quoting input in an error message).
std::string truncateUtf8(const std::string &Text, size_t MaxBytes);

} // namespace rtc::emulator

#endif
