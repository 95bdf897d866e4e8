#include "base/annotation.h"

namespace relata {

const char* MentionSourceName(MentionSource s) {
  switch (s) {
    case MentionSource::kGazetteer: return "gazetteer";
    case MentionSource::kRule: return "rule";
    case MentionSource::kResolution: return "resolution";
  }
  return "unknown";
}

}  // namespace relata
