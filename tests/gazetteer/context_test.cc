#include <doctest/doctest.h>

#include "gazetteer/gazetteer.h"

namespace relata::gazetteer {
namespace {

TEST_SUITE("gazetteer") {
TEST_CASE("an ambiguous entry counts only with one of its context words in the sentence") {
  text::Normalizer folder = text::Normalizer::Create(text::NormalForm::kNfkcCasefold).value();
  GazetteerBuilder b;
  REQUIRE(b.AddText("place:hwaseong\tplace\t화성\tHwaseong\tcontext=캠퍼스|공장|Plant\n"
                    "place:seoul\tplace\t서울\tSeoul\n",
                    "ctx.tsv", false)
              .ok());
  Gazetteer g = b.Build(folder).value();
  const uint32_t hwaseong = static_cast<uint32_t>(g.Find("place:hwaseong"));
  const uint32_t seoul = static_cast<uint32_t>(g.Find("place:seoul"));
  CHECK(g.HasContext(hwaseong));
  CHECK_FALSE(g.HasContext(seoul));
  CHECK(g.ContextSatisfied(hwaseong, folder.NormalizeString("화성 캠퍼스를 방문했다")));
  CHECK(g.ContextSatisfied(hwaseong, folder.NormalizeString("the Hwaseong PLANT")));  // casefolded both sides
  CHECK_FALSE(g.ContextSatisfied(hwaseong, folder.NormalizeString("화성 탐사선이 발사됐다")));
  CHECK(g.ContextSatisfied(seoul, folder.NormalizeString("아무 문장")));
}
}

}  // namespace
}  // namespace relata::gazetteer
