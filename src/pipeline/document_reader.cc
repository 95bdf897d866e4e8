#include "pipeline/document_reader.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdio.h>
#include <filesystem>

#include <nlohmann/json.hpp>

namespace relata::pipeline {
namespace fs = std::filesystem;

InputFormat GuessInputFormat(const std::string& path) {
  const std::string ext = fs::path(path).extension().string();
  return ext == ".jsonl" || ext == ".ndjson" ? InputFormat::kJsonl : InputFormat::kText;
}

Status ReadAll(std::FILE* f, const std::string& path, std::string* out) {
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out->append(buf, n);
  if (std::ferror(f)) return Status::IoError(path + ": read error: " + std::strerror(errno));
  return Status::Ok();
}

StatusOr<std::unique_ptr<DocumentReader>> DocumentReader::Open(const std::string& path, InputFormat format) {
  std::unique_ptr<DocumentReader> r(new DocumentReader());
  r->path_ = path;
  r->format_ = format;
  if (path == "-") {
    r->file_ = stdin;
    r->default_id_ = "stdin";
    return r;
  }
  std::error_code ec;
  if (fs::is_directory(path, ec)) return Status::InvalidArgument(path + ": is a directory, not a file");
  r->file_ = std::fopen(path.c_str(), "rb");
  if (r->file_ == nullptr) return Status::IoError(path + ": " + std::strerror(errno));
  r->owns_file_ = true;
  r->default_id_ = fs::path(path).stem().string();
  if (r->default_id_.empty()) r->default_id_ = "doc";
  return r;
}

DocumentReader::~DocumentReader() {
  if (owns_file_ && file_ != nullptr) std::fclose(file_);
}

bool DocumentReader::Next(Item* item) {
  *item = Item();
  if (done_) return false;
  if (format_ == InputFormat::kJsonl) return NextJsonl(item);
  done_ = true;
  item->doc.id = default_id_;
  Status s = ReadAll(file_, path_, &item->doc.bytes);
  if (!s.ok()) item->error = s.message();
  return true;
}

bool DocumentReader::NextJsonl(Item* item) {
  std::string line;
  for (;;) {
    char* buf = nullptr;
    size_t cap = 0;
    errno = 0;
    const ssize_t n = ::getline(&buf, &cap, file_);
    if (n < 0) {
      std::free(buf);
      done_ = true;
      if (std::ferror(file_)) {
        item->line = line_ + 1;
        item->error = path_ + ": read error: " + std::strerror(errno);
        return true;
      }
      return false;
    }
    line.assign(buf, static_cast<size_t>(n));
    std::free(buf);
    ++line_;
    if (!line.empty() && line.back() == '\n') line.pop_back();
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") != std::string::npos) break;
  }
  item->line = line_;
  const std::string where = path_ + ":" + std::to_string(line_);
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(line);
  } catch (const nlohmann::json::exception& e) {
    item->error = where + ": not valid JSON: " + e.what();
    return true;
  }
  if (!j.is_object()) {
    item->error = where + ": a JSONL document must be a JSON object";
    return true;
  }
  Document& d = item->doc;
  auto text = j.find("text");
  if (text == j.end()) {
    item->error = where + ": missing \"text\"";
    return true;
  }
  if (!text->is_string()) {
    item->error = where + ": \"text\" must be a string";
    return true;
  }
  d.bytes = text->get<std::string>();
  auto id = j.find("id");
  if (id == j.end() || id->is_null()) {
    d.id = default_id_ + ":" + std::to_string(line_);
  } else if (id->is_string()) {
    d.id = id->get<std::string>();
  } else if (id->is_number_integer()) {
    d.id = std::to_string(id->get<long long>());
  } else {
    item->error = where + ": \"id\" must be a string or an integer";
    return true;
  }
  for (auto [key, field] : {std::pair<const char*, std::string*>{"lang", &d.lang}, {"date", &d.date},
                            {"title", &d.title}, {"url", &d.url}}) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) continue;
    if (!it->is_string()) {
      item->error = where + ": \"" + key + "\" must be a string";
      return true;
    }
    *field = it->get<std::string>();
  }
  if (!seen_ids_.insert(d.id).second) {
    item->error = where + ": duplicate id '" + d.id + "' (an earlier line has it); this document was skipped";
    return true;
  }
  return true;
}

}  // namespace relata::pipeline
