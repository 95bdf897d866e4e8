// Status and StatusOr: how relata reports failure without exceptions.
//
// Building things (loading a gazetteer, compiling a rule file, decoding input)
// can fail and returns a Status; matching cannot fail and returns plain values.
// A Status about user data names the place: `file:line` (or a byte offset),
// formatted into the message by the code that knows it, e.g.
//   rules/ko/meet.rules:14: unknown entity type 'persn' in placeholder {a:persn}
#ifndef RELATA_BASE_STATUS_H_
#define RELATA_BASE_STATUS_H_

#include <optional>
#include <string>
#include <utility>

namespace relata {

class Status {
 public:
  enum class Code { kOk = 0, kInvalidArgument, kNotFound, kIoError, kDataError, kResourceExhausted, kInternal };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) { return Status(Code::kInvalidArgument, std::move(m)); }
  static Status NotFound(std::string m) { return Status(Code::kNotFound, std::move(m)); }
  static Status IoError(std::string m) { return Status(Code::kIoError, std::move(m)); }
  // Bad user data: a rule file, a gazetteer line, an input document.
  static Status DataError(std::string m) { return Status(Code::kDataError, std::move(m)); }
  static Status ResourceExhausted(std::string m) { return Status(Code::kResourceExhausted, std::move(m)); }
  static Status Internal(std::string m) { return Status(Code::kInternal, std::move(m)); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  // Returns a copy whose message is "`prefix`: message" (e.g. a file name).
  Status WithPrefix(const std::string& prefix) const {
    return ok() ? *this : Status(code_, prefix + ": " + message_);
  }

 private:
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// Either a value or a non-OK Status.
template <typename T>
class StatusOr {
 public:
  StatusOr(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  StatusOr(Status status) : status_(std::move(status)) {  // NOLINT
    if (status_.ok()) status_ = Status::Internal("StatusOr built from an OK status without a value");
  }
  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }

 private:
  Status status_;
  std::optional<T> value_;
};

#define RELATA_RETURN_IF_ERROR(expr)          \
  do {                                        \
    ::relata::Status _st = (expr);            \
    if (!_st.ok()) return _st;                \
  } while (0)

}  // namespace relata

#endif  // RELATA_BASE_STATUS_H_
