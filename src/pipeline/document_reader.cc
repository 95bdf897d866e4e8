#include "pipeline/document_reader.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdio.h>
#include <filesystem>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "text/source_text.h"

namespace relata::pipeline {
namespace fs = std::filesystem;

namespace {

// A fast reader for the common JSONL line: one object whose values are
// strings, integers, true/false or null, with no key twice. It decodes what
// nlohmann::json would (escapes, surrogate pairs) and gives up — returning
// false, so that the line goes through nlohmann::json and gets its exact
// result or error message — on everything else: nesting, fractions and
// exponents, long integers, invalid UTF-8, raw control characters, bad
// escapes, unpaired surrogates, trailing bytes.
class FastLine {
 public:
  struct Value {
    enum class Kind { kAbsent, kNull, kString, kInteger, kOther } kind = Kind::kAbsent;
    std::string text;     // kString
    long long number = 0;  // kInteger
  };
  // The fields the reader looks at.
  Value text, id, lang, date, title, url;

  bool Parse(std::string_view line) {
    s_ = line;
    i_ = 0;
    SkipSpace();
    if (!Eat('{')) return false;
    SkipSpace();
    if (Eat('}')) return AtEnd();
    std::vector<std::string> keys;
    for (;;) {
      std::string key;
      SkipSpace();
      if (!String(&key)) return false;
      for (const std::string& k : keys) {
        if (k == key) return false;  // nlohmann's last-one-wins is left to nlohmann
      }
      keys.push_back(key);
      SkipSpace();
      if (!Eat(':')) return false;
      SkipSpace();
      Value* target = Field(key);
      Value scratch;
      if (!ParseValue(target != nullptr ? target : &scratch)) return false;
      SkipSpace();
      if (Eat(',')) continue;
      if (Eat('}')) return AtEnd();
      return false;
    }
  }

 private:
  Value* Field(const std::string& key) {
    if (key == "text") return &text;
    if (key == "id") return &id;
    if (key == "lang") return &lang;
    if (key == "date") return &date;
    if (key == "title") return &title;
    if (key == "url") return &url;
    return nullptr;
  }
  bool AtEnd() {
    SkipSpace();
    return i_ == s_.size();
  }
  void SkipSpace() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
  }
  bool Eat(char c) {
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  bool Literal(std::string_view word) {
    if (s_.substr(i_, word.size()) != word) return false;
    i_ += word.size();
    return true;
  }
  bool ParseValue(Value* v) {
    if (i_ >= s_.size()) return false;
    const char c = s_[i_];
    if (c == '"') {
      v->kind = Value::Kind::kString;
      return String(&v->text);
    }
    if (c == 'n') {
      v->kind = Value::Kind::kNull;
      return Literal("null");
    }
    if (c == 't' || c == 'f') {
      v->kind = Value::Kind::kOther;
      return Literal(c == 't' ? "true" : "false");
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      v->kind = Value::Kind::kInteger;
      return Integer(&v->number);
    }
    return false;  // arrays, objects, anything else
  }
  // At most 18 digits (always fits a long long), no leading zero, no
  // fraction or exponent.
  bool Integer(long long* out) {
    const bool negative = Eat('-');
    const size_t first = i_;
    long long v = 0;
    // Digits past the 18th are counted, not accumulated (that would overflow);
    // such a number is left to the full parser below.
    for (; i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9'; ++i_)
      if (i_ - first < 18) v = v * 10 + (s_[i_] - '0');
    const size_t digits = i_ - first;
    if (digits == 0 || digits > 18 || (digits > 1 && s_[first] == '0')) return false;
    if (i_ < s_.size() && (s_[i_] == '.' || s_[i_] == 'e' || s_[i_] == 'E')) return false;
    *out = negative ? -v : v;
    return true;
  }
  static int Hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }
  bool Hex4(uint32_t* out) {
    if (i_ + 4 > s_.size()) return false;
    uint32_t v = 0;
    for (int k = 0; k < 4; ++k) {
      const int h = Hex(s_[i_ + k]);
      if (h < 0) return false;
      v = v * 16 + static_cast<uint32_t>(h);
    }
    i_ += 4;
    *out = v;
    return true;
  }
  // Length of the well-formed UTF-8 sequence at s_[i_], or 0.
  size_t Utf8Length() const {
    const auto b = [&](size_t k) { return static_cast<unsigned char>(s_[k]); };
    const auto cont = [&](size_t k, unsigned char lo, unsigned char hi) {
      return k < s_.size() && b(k) >= lo && b(k) <= hi;
    };
    const unsigned char c = b(i_);
    if (c >= 0xC2 && c <= 0xDF) return cont(i_ + 1, 0x80, 0xBF) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
      const unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
      return cont(i_ + 1, lo, hi) && cont(i_ + 2, 0x80, 0xBF) ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
      const unsigned char lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
      return cont(i_ + 1, lo, hi) && cont(i_ + 2, 0x80, 0xBF) && cont(i_ + 3, 0x80, 0xBF) ? 4 : 0;
    }
    return 0;
  }
  bool String(std::string* out) {
    if (!Eat('"')) return false;
    out->clear();
    for (;;) {
      // The run up to the next quote, backslash, control byte or invalid
      // UTF-8 is copied in one piece: an article is mostly such a run, and in
      // Hangul text appending each 3-byte character on its own was a library
      // call per character.
      const size_t run = i_;
      while (i_ < s_.size()) {
        const unsigned char c = static_cast<unsigned char>(s_[i_]);
        if (c >= 0x80) {
          const size_t len = Utf8Length();
          if (len == 0) break;
          i_ += len;
          continue;
        }
        if (c == '"' || c == '\\' || c < 0x20) break;
        ++i_;
      }
      out->append(s_.data() + run, i_ - run);
      if (i_ >= s_.size()) return false;
      const unsigned char c = static_cast<unsigned char>(s_[i_]);
      if (c == '"') {
        ++i_;
        return true;
      }
      if (c < 0x20 || c >= 0x80) return false;  // a control byte or invalid UTF-8
      ++i_;  // backslash
      if (i_ >= s_.size()) return false;
      const char e = s_[i_++];
      switch (e) {
        case '"': out->push_back('"'); break;
        case '\\': out->push_back('\\'); break;
        case '/': out->push_back('/'); break;
        case 'b': out->push_back('\b'); break;
        case 'f': out->push_back('\f'); break;
        case 'n': out->push_back('\n'); break;
        case 'r': out->push_back('\r'); break;
        case 't': out->push_back('\t'); break;
        case 'u': {
          uint32_t u = 0;
          if (!Hex4(&u)) return false;
          if (u >= 0xDC00 && u <= 0xDFFF) return false;  // a trail surrogate alone
          if (u >= 0xD800 && u <= 0xDBFF) {
            uint32_t lo = 0;
            if (!Eat('\\') || !Eat('u') || !Hex4(&lo) || lo < 0xDC00 || lo > 0xDFFF) return false;
            u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
          }
          text::AppendUtf8(static_cast<char32_t>(u), out);
          break;
        }
        default: return false;
      }
    }
  }

  std::string_view s_;
  size_t i_ = 0;
};

}  // namespace

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
  std::free(line_buf_);
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

// The common line, read without building a JSON DOM. Handles only lines whose
// outcome is a document (or a duplicate-id error); anything else returns
// false before touching *item, and NextJsonl's nlohmann::json path decides.
bool DocumentReader::NextJsonlFast(std::string_view line, Item* item) {
  FastLine f;
  if (!f.Parse(line)) return false;
  using Kind = FastLine::Value::Kind;
  if (f.text.kind != Kind::kString) return false;
  if (f.id.kind != Kind::kAbsent && f.id.kind != Kind::kNull && f.id.kind != Kind::kString &&
      f.id.kind != Kind::kInteger) {
    return false;
  }
  for (const FastLine::Value* v : {&f.lang, &f.date, &f.title, &f.url}) {
    if (v->kind != Kind::kAbsent && v->kind != Kind::kNull && v->kind != Kind::kString) return false;
  }
  Document& d = item->doc;
  d.bytes = std::move(f.text.text);
  if (f.id.kind == Kind::kString) {
    d.id = std::move(f.id.text);
  } else if (f.id.kind == Kind::kInteger) {
    d.id = std::to_string(f.id.number);
  } else {
    d.id = default_id_ + ":" + std::to_string(line_);
  }
  if (f.lang.kind == Kind::kString) d.lang = std::move(f.lang.text);
  if (f.date.kind == Kind::kString) d.date = std::move(f.date.text);
  if (f.title.kind == Kind::kString) d.title = std::move(f.title.text);
  if (f.url.kind == Kind::kString) d.url = std::move(f.url.text);
  if (!seen_ids_.insert(d.id).second) {
    item->error = path_ + ":" + std::to_string(line_) + ": duplicate id '" + d.id +
                  "' (an earlier line has it); this document was skipped";
  }
  return true;
}

bool DocumentReader::NextJsonl(Item* item) {
  std::string_view line;
  for (;;) {
    errno = 0;
    const ssize_t n = ::getline(&line_buf_, &line_cap_, file_);
    if (n < 0) {
      done_ = true;
      if (std::ferror(file_)) {
        item->line = line_ + 1;
        item->error = path_ + ": read error: " + std::strerror(errno);
        return true;
      }
      return false;
    }
    line = std::string_view(line_buf_, static_cast<size_t>(n));
    ++line_;
    if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") != std::string_view::npos) break;
  }
  item->line = line_;
  if (NextJsonlFast(line, item)) return true;
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
  // Moved out of the parsed object, which is dropped right after: the article
  // text is the largest thing on the line and is not copied again.
  d.bytes = std::move(text->get_ref<std::string&>());
  auto id = j.find("id");
  if (id == j.end() || id->is_null()) {
    d.id = default_id_ + ":" + std::to_string(line_);
  } else if (id->is_string()) {
    d.id = std::move(id->get_ref<std::string&>());
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
    *field = std::move(it->get_ref<std::string&>());
  }
  if (!seen_ids_.insert(d.id).second) {
    item->error = where + ": duplicate id '" + d.id + "' (an earlier line has it); this document was skipped";
    return true;
  }
  return true;
}

}  // namespace relata::pipeline
