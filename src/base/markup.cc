#include "base/markup.h"

namespace relata {

bool ParseMarkup(std::string_view marked, MarkedText* out, std::string* error) {
  out->text.clear();
  out->mentions.clear();
  size_t i = 0;
  while (i < marked.size()) {
    const char c = marked[i];
    if (c == '\\' && i + 1 < marked.size() && (marked[i + 1] == '[' || marked[i + 1] == ']')) {
      out->text += marked[i + 1];
      i += 2;
      continue;
    }
    if (c == ']') {
      *error = "stray ']' at byte " + std::to_string(i) + " (write \\] for a literal bracket)";
      return false;
    }
    if (c != '[') {
      out->text += c;
      ++i;
      continue;
    }
    const size_t close = marked.find(']', i + 1);
    const size_t nested = marked.find('[', i + 1);
    if (close == std::string_view::npos || (nested != std::string_view::npos && nested < close)) {
      *error = "unclosed '[' at byte " + std::to_string(i) + " (write \\[ for a literal bracket)";
      return false;
    }
    std::string_view inner = marked.substr(i + 1, close - i - 1);
    const size_t bar = inner.rfind('|');
    if (bar == std::string_view::npos || bar == 0 || bar + 1 == inner.size()) {
      *error = "mention [" + std::string(inner) + "] at byte " + std::to_string(i) + " needs the form [TEXT|TYPE]";
      return false;
    }
    MarkedMention m;
    m.span.begin = out->text.size();
    out->text.append(inner.substr(0, bar));
    m.span.end = out->text.size();
    m.type = std::string(inner.substr(bar + 1));
    out->mentions.push_back(std::move(m));
    i = close + 1;
  }
  return true;
}

}  // namespace relata
