// gen_places: writes the generated part of the places gazetteer from the CLDR
// data that ICU ships.
//
//   gen_places OUTDIR
//
// writes OUTDIR/countries.tsv (every ISO 3166 country and territory ICU knows,
// Korean and English display names) and OUTDIR/cities_cldr.tsv (the exemplar
// cities of the canonical CLDR time zones, parent = the zone's country). See
// tools/gen_places/README.md. The tables below are the only hand-made input:
// stable ids where the English name makes a poor slug, names news uses that
// CLDR lacks, zones to skip (stations, islands named like their territory,
// small towns whose Korean exemplar is wrong), surface forms to drop because
// they are common words, and `context` for names that are also common words
// (see "Ambiguous names" in docs/gazetteers.md).
//
// The output is deterministic for a given ICU version: rows are sorted by id.
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/strenum.h>
#include <unicode/timezone.h>
#include <unicode/translit.h>
#include <unicode/tznames.h>
#include <unicode/uchar.h>
#include <unicode/locdspnm.h>
#include <unicode/uversion.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace {

using icu::UnicodeString;

std::string Utf8(const UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

void Check(UErrorCode st, const char* what) {
  if (U_FAILURE(st)) {
    std::cerr << "gen_places: " << what << ": " << u_errorName(st) << "\n";
    std::exit(1);
  }
}

// ---------------------------------------------------------------------------
// Hand-made tables.

struct Fix {
  std::string id;        // id slug override (without "place:")
  std::string ko;        // Korean name override ("" keeps CLDR's)
  std::string en;        // English name override
  std::vector<std::string> aliases;  // extra surface forms
  std::vector<std::string> drop;     // CLDR surface forms to drop
  std::string context;   // context=... (| separated)
  std::string context_names;  // context_names=... (| separated)
  std::string parent;    // parent id override (full id), "-" for none
  int priority = 0;
};

// Sovereign state of dependent territories (parent of the territory entry).
const std::map<std::string, std::string> kSovereign = {
    {"PR", "US"}, {"GU", "US"}, {"VI", "US"}, {"AS", "US"}, {"MP", "US"}, {"UM", "US"},
    {"HK", "CN"}, {"MO", "CN"},
    {"GL", "DK"}, {"FO", "DK"},
    {"AW", "NL"}, {"CW", "NL"}, {"SX", "NL"}, {"BQ", "NL"},
    {"GF", "FR"}, {"GP", "FR"}, {"MQ", "FR"}, {"RE", "FR"}, {"YT", "FR"}, {"PF", "FR"},
    {"NC", "FR"}, {"WF", "FR"}, {"PM", "FR"}, {"BL", "FR"}, {"MF", "FR"}, {"TF", "FR"},
    {"AI", "GB"}, {"BM", "GB"}, {"VG", "GB"}, {"KY", "GB"}, {"FK", "GB"}, {"GI", "GB"},
    {"MS", "GB"}, {"PN", "GB"}, {"SH", "GB"}, {"TC", "GB"}, {"IO", "GB"}, {"GS", "GB"},
    {"GG", "GB"}, {"JE", "GB"}, {"IM", "GB"},
    {"CX", "AU"}, {"CC", "AU"}, {"NF", "AU"}, {"HM", "AU"},
    {"TK", "NZ"},
    {"SJ", "NO"}, {"BV", "NO"},
    {"AX", "FI"},
    {"IC", "ES"}, {"EA", "ES"},
    {"DG", "IO"},
};
// Not sovereign states, and no parent either (disputed or none).
const std::set<std::string> kTerritoryNoParent = {"AQ", "EH", "PS", "CK", "NU"};

const std::map<std::string, Fix>& CountryFixes() {
  static const std::map<std::string, Fix> m = [] {
    std::map<std::string, Fix> f;
    // The ids and names of these six are used by samples: keep them.
    // One-character Hanja names are how Korean headlines and ledes write
    // countries (美 AI 스타트업, 中 반도체, 北 미사일); inside a word (美中,
    // 訪美) the boundary test keeps them from matching.
    f["KR"] = {"south-korea", "한국", "", {"Korea", "대한민국", "Republic of Korea", "남한", "ROK"}, {}, "", "", "", 1};
    f["US"] = {"united-states", "", "", {"U.S.", "USA", "United States of America", "U.S.A.", "미합중국", "美"}, {"US"}, "", "", "", 1};
    f["TW"] = {"taiwan", "", "", {"타이완", "Republic of China"}, {}, "", "", "", 0};
    f["IN"] = {"india", "", "", {"인도공화국", "Republic of India", "Bharat"}, {},
               // 인도 is also 인도(sidewalk), 인도하다, 인도(handover).
               "뉴델리|델리|뭄바이|첸나이|벵갈루루|방갈로르|하이데라바드|푸네|콜카타|구자라트|모디|루피|인도인|인도법인|"
               "시장|공장|법인|총리|현지|수출|수입|진출|투자|경제|증시|아시아|남아시아|파키스탄|중국|미국|일본|"
               "한국|러시아|방문|정상|대사|인구|출시|판매|생산|기업|현대차|삼성|LG|기아|타타|릴라이언스|인포시스|"
               "크리켓|힌두|갠지스|뉴스|언론|매체|외교|무역|관세|협정|브릭스|BRICS|G20|쿼드",
               "인도", "", 0};
    f["JP"] = {"japan", "", "", {"일본국", "Nippon", "日"}, {}, "", "", "", 0};
    f["CN"] = {"china", "", "", {"중화인민공화국", "People's Republic of China", "PRC", "중국 본토", "Mainland China", "中"}, {}, "", "", "", 0};
    f["KP"] = {"", "", "", {"조선민주주의인민공화국", "DPRK", "북조선", "Democratic People's Republic of Korea", "北"}, {}, "", "", "", 0};
    f["GB"] = {"united-kingdom", "", "", {"U.K.", "Britain", "Great Britain", "英"}, {}, "", "", "", 0};
    f["DE"] = {"", "", "", {"獨"}, {}, "", "", "", 0};
    f["FR"] = {"", "", "", {"佛"}, {}, "", "", "", 0};
    f["AU"] = {"", "호주", "", {"Commonwealth of Australia"}, {}, "", "", "", 0};
    f["TR"] = {"turkey", "튀르키예", "Türkiye", {"Turkey", "Turkiye", "Republic of Türkiye"}, {},
               "앙카라|이스탄불|에르도안|Ankara|Istanbul|Erdogan|Erdoğan|Turkish|튀르키예|리라|lira|NATO|나토|Syria|시리아|"
               "Europe|유럽|Middle East|중동|government|president|대통령|정부|earthquake|지진|Greece|그리스|Cyprus|키프로스|Kurdish|쿠르드",
               "Turkey", "", 0};
    f["CD"] = {"democratic-republic-of-the-congo", "콩고민주공화국", "Democratic Republic of the Congo",
               {"콩고-킨샤사", "Congo - Kinshasa", "Congo-Kinshasa", "DR Congo", "DRC", "D.R. Congo", "민주콩고", "콩고", "Congo"},
               {}, "", "", "", 1};
    f["CG"] = {"republic-of-the-congo", "콩고공화국", "Republic of the Congo",
               {"콩고-브라자빌", "Congo - Brazzaville", "Congo-Brazzaville", "Republic of Congo"}, {}, "", "", "", 0};
    f["CI"] = {"ivory-coast", "", "", {"Côte d'Ivoire", "Cote d'Ivoire", "Cote d’Ivoire", "Ivory Coast", "아이보리코스트"}, {}, "", "", "", 0};
    f["MM"] = {"myanmar", "", "Myanmar", {"Burma", "버마", "Myanmar (Burma)"}, {}, "", "", "", 0};
    f["HK"] = {"hong-kong", "홍콩", "Hong Kong", {"Hong Kong SAR", "Hong Kong SAR China", "홍콩특별행정구", "홍콩 특별행정구"}, {"홍콩(중국 특별행정구)"}, "", "", "", 0};
    f["MO"] = {"macao", "마카오", "Macao", {"Macau", "Macao SAR", "마카오특별행정구"}, {"마카오(중국 특별행정구)", "Macao SAR China"}, "", "", "", 0};
    f["PS"] = {"palestine", "팔레스타인", "Palestine", {"팔레스타인 지구", "Palestinian Territories", "State of Palestine", "팔레스타인 자치정부"}, {}, "", "", "", 0};
    f["AE"] = {"", "", "", {"UAE", "U.A.E.", "아랍에미리트연합", "아랍에미리트 연합", "아랍에미리트연합국", "에미리트"}, {}, "", "", "", 0};
    f["SA"] = {"", "", "", {"사우디", "Saudi", "Kingdom of Saudi Arabia", "KSA"}, {}, "", "", "", 0};
    f["CZ"] = {"czechia", "", "", {"Czech Republic", "체코공화국"}, {}, "", "", "", 0};
    f["NL"] = {"", "", "", {"Holland", "the Netherlands", "홀란드"}, {}, "", "", "", 0};
    f["RU"] = {"", "", "", {"Russian Federation", "러시아연방"}, {}, "", "", "", 0};
    f["VN"] = {"", "", "", {"Viet Nam"}, {}, "", "", "", 0};
    f["TL"] = {"timor-leste", "", "", {"East Timor", "동티모르공화국"}, {}, "", "", "", 0};
    f["SZ"] = {"", "", "", {"Swaziland", "스와질란드"}, {}, "", "", "", 0};
    f["CV"] = {"", "", "", {"Cabo Verde"}, {}, "", "", "", 0};
    f["VA"] = {"vatican-city", "바티칸", "Vatican City", {"바티칸 시국", "Vatican", "Holy See", "바티칸시국"}, {}, "", "", "", 0};
    f["MK"] = {"", "", "", {"북마케도니아공화국"}, {}, "", "", "", 0};
    f["BA"] = {"bosnia-and-herzegovina", "", "", {"보스니아", "Bosnia"}, {}, "", "", "", 0};
    f["DO"] = {"", "", "", {"도미니카공화국", "도미니카"}, {}, "", "", "", 0};
    f["DM"] = {"", "도미니카 연방", "", {"도미니카연방", "Commonwealth of Dominica"}, {"도미니카"}, "", "", "", 0};
    f["GE"] = {"georgia", "", "", {"그루지야"},
               {}, "트빌리시|Tbilisi|캅카스|코카서스|Caucasus|러시아|Russia|Russian|흑해|Black Sea|아르메니아|Armenia|아제르바이잔|Azerbaijan|"
               "조지아 정부|Georgian|유럽|Europe|NATO|나토|Kremlin|크렘린|Abkhazia|South Ossetia",
               "Georgia|조지아", "", 0};
    f["JO"] = {"", "", "", {"Hashemite Kingdom of Jordan"}, {},
               "Amman|암만|King Abdullah|Jordanian|Middle East|중동|Israel|이스라엘|Syria|시리아|Iraq|이라크|Saudi|사우디|Egypt|이집트|"
               "Lebanon|레바논|West Bank|Palestinian|refugee|Gaza|Arab",
               "Jordan", "", 0};
    f["TD"] = {"", "", "", {}, {}, "N'Djamena|Ndjamena|은자메나|Africa|아프리카|Sudan|수단|Niger|니제르|Sahel|사헬|Chadian|Libya|Cameroon",
               "Chad", "", 0};
    f["OM"] = {"", "", "", {"Sultanate of Oman"}, {},
               "무스카트|Muscat|중동|걸프|Gulf|사우디|UAE|아랍에미리트|이란|예멘|카타르|호르무즈|술탄|Middle East|Yemen|Iran|Omani|Sultan",
               "오만", "", 0};
    f["GH"] = {"", "", "", {}, {}, "아크라|Accra|아프리카|Africa|서아프리카|나이지리아|코트디부아르|대사|정부|대통령|축구|월드컵|국가대표",
               "가나", "", 0};
    f["SD"] = {"", "", "", {"Republic of the Sudan"}, {},
               "하르툼|카르툼|Khartoum|아프리카|Africa|남수단|다르푸르|Darfur|내전|군벌|RSF|신속지원군|이집트|에티오피아|차드|난민|교민|대사관|정부|군부|쿠데타",
               "수단", "", 0};
    f["ML"] = {"", "", "", {}, {}, "바마코|Bamako|아프리카|Africa|사헬|Sahel|서아프리카|니제르|부르키나파소|세네갈|군부|쿠데타|대사",
               "말리", "", 0};
    f["FJ"] = {"", "", "", {}, {}, "태평양|Pacific|수바|Suva|남태평양|관광|여행|대사|정부|총리|럭비",
               "피지", "", 0};
    f["JE"] = {"", "", "", {"Bailiwick of Jersey"}, {},
               "채널 제도|Channel Islands|영국|Britain|U.K.|세인트헬리어|St Helier|Guernsey|건지|tax haven|조세회피처|offshore",
               "Jersey|저지", "", 0};
    f["GG"] = {"", "", "", {"Bailiwick of Guernsey"}, {},
               "채널 제도|Channel Islands|영국|Britain|U.K.|Jersey|저지|tax haven|조세회피처|offshore",
               "Guernsey|건지", "", 0};
    f["GN"] = {"", "", "", {"Guinea-Conakry"}, {}, "", "", "", 0};
    f["UM"] = {"us-outlying-islands", "", "", {"United States Minor Outlying Islands"}, {}, "", "", "", 0};
    f["VI"] = {"us-virgin-islands", "", "", {"US Virgin Islands", "United States Virgin Islands"}, {}, "", "", "", 0};
    f["MF"] = {"saint-martin", "", "", {}, {}, "", "", "", 0};
    f["SX"] = {"", "", "", {}, {}, "", "", "", 0};
    f["FM"] = {"", "", "", {"Federated States of Micronesia", "미크로네시아 연방"}, {}, "", "", "", 0};
    f["KN"] = {"", "", "", {"Saint Kitts and Nevis"}, {}, "", "", "", 0};
    return f;
  }();
  return m;
}

// Zones never written: the city is a hand-written entry (Seoul), the exemplar
// names the territory itself or a research station, or the Korean exemplar is
// wrong or the English one is a common word or person name.
const std::set<std::string> kSkipZones = {
    "Asia/Seoul",  // place:seoul lives in korea_admin.tsv
    "Antarctica/Casey", "Antarctica/Davis", "Antarctica/DumontDUrville", "Antarctica/Macquarie",
    "Antarctica/Mawson", "Antarctica/McMurdo", "Antarctica/Palmer", "Antarctica/Rothera",
    "Antarctica/Syowa", "Antarctica/Troll", "Antarctica/Vostok",
    "America/Indiana/Knox", "America/Indiana/Marengo", "America/Indiana/Petersburg",
    "America/Indiana/Tell_City", "America/Indiana/Vevay", "America/Indiana/Vincennes",
    "America/Indiana/Winamac", "America/Kentucky/Monticello", "America/North_Dakota/Beulah",
    "America/North_Dakota/Center", "America/North_Dakota/New_Salem",
    "America/Coral_Harbour",  // Korean exemplar is Coral Harbour, English Atikokan
    "America/Rankin_Inlet", "America/Rainy_River", "America/Santa_Isabel", "America/Creston",
    "America/Dawson", "America/Scoresbysund", "America/Argentina/San_Juan",  // San Juan: Puerto Rico's
    "America/Argentina/San_Luis", "America/Argentina/La_Rioja", "America/Cordoba",  // Córdoba: Spain's too
    "America/Chihuahua",  // also the dog
    "America/Cayman", "America/Antigua", "America/St_Kitts", "America/St_Vincent", "America/Miquelon",
    "America/Lower_Princes",
    "Atlantic/Canary", "Atlantic/Faeroe", "Atlantic/Cape_Verde", "Atlantic/Bermuda",
    "Atlantic/South_Georgia", "Atlantic/St_Helena", "Atlantic/Stanley",
    "Indian/Christmas", "Indian/Cocos", "Indian/Comoro", "Indian/Mayotte", "Indian/Chagos",
    "Pacific/Johnston", "Pacific/Wake", "Pacific/Wallis", "Pacific/Pitcairn", "Pacific/Norfolk",
    "Pacific/Enderbury", "Pacific/Chatham", "Pacific/Gambier",
    "Australia/Currie", "Australia/Lindeman",
    "Asia/Oral", "Asia/Chita",
};

const std::map<std::string, Fix>& ZoneFixes() {
  static const std::map<std::string, Fix> m = [] {
    std::map<std::string, Fix> f;
    auto add = [&](const char* tz, Fix x) { f[tz] = std::move(x); };
    add("America/New_York", {"new-york", "", "", {"New York City", "NYC", "뉴욕시"}, {}, "", "", "place:new-york-state", 1});
    add("America/Los_Angeles", {"", "", "", {"L.A.", "엘에이", "로스앤젤레스시"}, {}, "", "", "place:california", 0});
    add("America/Chicago", {"", "", "", {}, {}, "", "", "place:illinois", 0});
    add("America/Denver", {"", "", "", {}, {}, "", "", "place:colorado", 0});
    add("America/Phoenix", {"", "", "", {},
        {}, "애리조나|Arizona|TSMC|공장|팹|fab|plant|미국|U.S.|인텔|Intel|반도체|chip|chips|공항|airport|downtown",
        "", "place:arizona", 0});
    add("America/Detroit", {"", "", "", {}, {}, "", "", "place:michigan", 0});
    add("America/Menominee", {"", "", "", {}, {}, "", "", "place:michigan", 0});
    add("America/Boise", {"", "", "", {}, {}, "", "", "place:idaho", 0});
    add("America/Louisville", {"", "", "", {}, {}, "", "", "place:kentucky", 0});
    add("America/Indianapolis", {"", "", "", {}, {}, "", "", "place:indiana", 0});
    add("Pacific/Honolulu", {"", "", "", {}, {}, "", "", "place:hawaii", 0});
    for (const char* ak : {"America/Anchorage", "America/Juneau", "America/Sitka", "America/Yakutat",
                           "America/Metlakatla", "America/Adak", "America/Nome"}) {
      f[ak].parent = "place:alaska";
    }
    f["America/Nome"].drop = {"놈"};
    add("America/Montreal", {"", "몬트리올", "", {"Montréal"}, {}, "", "", "", 0});
    add("America/Vancouver", {"", "밴쿠버", "", {"벤쿠버"}, {}, "", "", "", 0});
    add("America/Mexico_City", {"", "멕시코시티", "", {"멕시코 시티", "Ciudad de México"}, {}, "", "", "", 0});
    add("America/Sao_Paulo", {"", "", "São Paulo", {"Sao Paulo"}, {}, "", "", "", 0});
    add("America/Bogota", {"", "", "Bogotá", {"Bogota"}, {}, "", "", "", 0});
    add("America/Asuncion", {"", "", "", {"Asuncion"}, {}, "", "", "", 0});
    add("America/Godthab", {"", "누크", "", {"고드호프", "Godthab", "Godthåb"}, {}, "", "", "", 0});
    add("America/Resolute", {"", "", "", {}, {"Resolute"}, "", "", "", 0});
    add("America/Regina", {"", "", "", {}, {"Regina"}, "", "", "", 0});
    add("America/Port_of_Spain", {"", "", "", {"Port-of-Spain"}, {}, "", "", "", 0});
    add("America/Bahia", {"", "", "", {}, {}, "", "", "", 0});
    add("America/St_Johns", {"", "", "", {"St. John's", "St John's"}, {}, "", "", "", 0});
    add("America/St_Thomas", {"", "", "", {}, {}, "", "", "", 0});
    add("Asia/Saigon", {"ho-chi-minh-city", "호찌민시", "", {"호치민시", "Saigon", "사이공", "HCMC", "호찌민", "호치민"},
        {}, "베트남|Vietnam|Vietnamese|공장|법인|하노이|Hanoi|진출|투자|현지|사업|매장|지점|공항|airport",
        "호찌민|호치민", "", 0});
    add("Asia/Rangoon", {"yangon", "양곤", "", {"랑군", "Rangoon"}, {}, "", "", "", 0});
    add("Asia/Calcutta", {"", "", "", {"Calcutta", "캘커타"}, {}, "", "", "", 0});
    add("Asia/Katmandu", {"", "", "", {"Katmandu"}, {}, "", "", "", 0});
    add("Asia/Ulaanbaatar", {"", "", "", {"울란바타르", "Ulan Bator"}, {}, "", "", "", 0});
    add("Asia/Gaza", {"gaza", "가자지구", "Gaza", {"가자 지구", "Gaza Strip", "가자"},
        {}, "이스라엘|Israel|하마스|Hamas|팔레스타인|Palestin|전쟁|휴전|ceasefire|공습|strike|인질|hostage|주민|난민|구호|humanitarian|가자시티",
        "가자", "place:palestine", 0});
    add("Asia/Hebron", {"", "", "", {}, {}, "", "", "place:palestine", 0});
    add("Asia/Dhaka", {"", "", "", {"Dacca"}, {}, "", "", "", 0});
    add("Asia/Almaty", {"", "", "", {"Alma-Ata"}, {}, "", "", "", 0});
    add("Asia/Qostanay", {"", "", "", {"Qostanay"}, {}, "", "", "", 0});
    add("Europe/Kiev", {"kyiv", "키이우", "Kyiv", {"키예프", "Kiev"}, {}, "", "", "", 0});
    add("Europe/Zaporozhye", {"zaporizhzhia", "자포리자", "Zaporizhzhia", {"자포로지예", "Zaporozhye", "Zaporizhia"}, {}, "", "", "", 0});
    add("Europe/Uzhgorod", {"uzhhorod", "", "", {"Uzhgorod", "우주호로드"}, {}, "", "", "", 0});
    add("Europe/Volgograd", {"", "", "", {"볼고그라드"}, {}, "", "", "", 0});
    add("Europe/Tirane", {"tirana", "", "Tirana", {"Tirane"}, {}, "", "", "", 0});
    add("Europe/Vienna", {"", "", "", {"Wien"}, {}, "", "", "", 0});
    add("Europe/Prague", {"", "", "", {"Praha"}, {}, "", "", "", 0});
    add("Europe/Zurich", {"", "", "", {"Zürich"}, {}, "", "", "", 0});
    add("Europe/Rome", {"", "", "", {"Roma"}, {}, "", "", "", 0});
    add("Europe/Lisbon", {"", "", "", {"Lisboa"}, {}, "", "", "", 0});
    add("Europe/Istanbul", {"", "", "", {"İstanbul"}, {}, "", "", "", 0});
    add("Europe/Vatican", {"", "", "", {}, {}, "", "", "", 0});
    add("Europe/Kirov", {"", "", "", {}, {}, "러시아|Russia|oblast|region", "", "", 0});
    add("Europe/Busingen", {"busingen", "", "Büsingen", {"Busingen", "Büsingen am Hochrhein"}, {}, "", "", "", 0});
    add("Australia/Brisbane", {"", "브리즈번", "", {"브리스베인"}, {}, "", "", "", 0});
    add("Australia/Darwin", {"", "", "", {},
        {}, "호주|Australia|Australian|노던 준주|Northern Territory|항구|공항|airport|LNG|미군|Marines|해병대|기지",
        "", "", 0});
    add("Australia/Lord_Howe", {"lord-howe-island", "로드하우섬", "Lord Howe Island", {"로드 하우", "Lord Howe"}, {}, "", "", "", 0});
    add("Africa/Asmera", {"asmara", "아스마라", "", {"아스메라", "Asmera"}, {}, "", "", "", 0});
    add("Africa/Ndjamena", {"ndjamena", "은자메나", "N'Djamena", {"엔자메나", "Ndjamena", "N’Djamena"}, {}, "", "", "", 0});
    add("Africa/Lome", {"", "", "Lomé", {"Lome"}, {}, "", "", "", 0});
    add("Africa/Sao_Tome", {"", "", "", {"Sao Tome"}, {}, "", "", "", 0});
    add("Africa/El_Aaiun", {"laayoune", "라윤", "Laayoune", {"엘아이운", "El Aaiun", "El Aaiún"}, {}, "", "", "", 0});
    add("Africa/Tripoli", {"", "", "", {}, {}, "", "", "", 0});
    add("Pacific/Easter", {"easter-island", "이스터섬", "Easter Island", {"이스터 섬", "Rapa Nui"}, {"Easter"}, "", "", "", 0});
    add("Pacific/Midway", {"midway-atoll", "미드웨이", "Midway Atoll", {"미드웨이섬", "Midway Islands"}, {"Midway"}, "", "", "", 0});
    add("Pacific/Truk", {"chuuk", "추크", "", {"트루크", "Truk"}, {}, "", "", "", 0});
    add("Pacific/Ponape", {"pohnpei", "폰페이", "", {"포나페", "Ponape"}, {}, "", "", "", 0});
    add("Pacific/Galapagos", {"galapagos-islands", "갈라파고스", "Galápagos Islands", {"Galapagos", "Galápagos", "갈라파고스 제도", "Galapagos Islands"}, {}, "", "", "", 0});
    add("Pacific/Marquesas", {"marquesas-islands", "마르키즈 제도", "Marquesas Islands", {"Marquesas"}, {"마퀘사스"}, "", "", "", 0});
    add("Pacific/Bougainville", {"", "", "", {}, {}, "", "", "", 0});
    add("Atlantic/Azores", {"", "아조레스 제도", "", {"아조레스", "Açores"}, {}, "", "", "", 0});
    add("Arctic/Longyearbyen", {"", "", "", {}, {}, "", "", "", 0});
    add("Asia/Sakhalin", {"", "", "", {"사할린섬"}, {}, "", "", "", 0});
    add("Asia/Famagusta", {"", "", "", {}, {}, "", "", "", 0});
    return f;
  }();
  return m;
}

// Zones whose exemplar is an island, archipelago or region rather than a city.
const std::set<std::string> kNotCityZones = {
    "Atlantic/Azores", "Atlantic/Madeira", "Asia/Sakhalin", "Asia/Kamchatka", "Pacific/Galapagos",
    "Pacific/Easter", "Pacific/Tahiti", "Pacific/Guadalcanal", "Pacific/Marquesas", "Pacific/Efate",
    "Pacific/Bougainville", "Pacific/Truk", "Pacific/Ponape", "Pacific/Kosrae", "Pacific/Kwajalein",
    "Pacific/Kiritimati", "Pacific/Midway", "Pacific/Tongatapu", "Pacific/Rarotonga", "Pacific/Saipan",
    "Pacific/Tarawa", "Pacific/Fakaofo", "Pacific/Funafuti", "Pacific/Majuro", "Indian/Mahe",
    "Indian/Kerguelen", "America/Bahia", "America/Noronha", "Australia/Lord_Howe", "Asia/Gaza",
    "America/St_Thomas", "America/Tortola", "America/Grand_Turk",
};

// Surface forms that are never written, on any entry (normalized compare).
const std::set<std::string> kNeverNames = {"us", "unknown", "unknown region", "알 수 없는 지역"};

// ---------------------------------------------------------------------------

const icu::Normalizer2* Nfkc() {
  UErrorCode st = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(st);
  Check(st, "NFKC_Casefold");
  return n;
}

std::string Norm(const std::string& s) {
  UErrorCode st = U_ZERO_ERROR;
  UnicodeString out = Nfkc()->normalize(UnicodeString::fromUTF8(s), st);
  Check(st, "normalize");
  return Utf8(out);
}

std::string Slug(const std::string& s) {
  static icu::Transliterator* tr = [] {
    UErrorCode st = U_ZERO_ERROR;
    icu::Transliterator* t =
        icu::Transliterator::createInstance("Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, st);
    Check(st, "transliterator");
    return t;
  }();
  UnicodeString u = UnicodeString::fromUTF8(s);
  tr->transliterate(u);
  std::string a = Utf8(u), out;
  for (char c : a) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += c;
    } else if (c == '&') {
      if (!out.empty() && out.back() != '-') out += '-';
      out += "and";
    } else if (c == '\'') {
      // d'Ivoire -> divoire
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

bool HasHangul(const std::string& s) {
  UnicodeString u = UnicodeString::fromUTF8(s);
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
    UErrorCode st = U_ZERO_ERROR;
    if (uscript_getScript(u.char32At(i), &st) == USCRIPT_HANGUL) return true;
  }
  return false;
}

bool HasLatin(const std::string& s) {
  UnicodeString u = UnicodeString::fromUTF8(s);
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
    UErrorCode st = U_ZERO_ERROR;
    if (uscript_getScript(u.char32At(i), &st) == USCRIPT_LATIN) return true;
  }
  return false;
}

// English spelling variants news writes for CLDR's compact forms.
std::vector<std::string> EnglishVariants(const std::string& en) {
  std::vector<std::string> v;
  auto replace_all = [](std::string s, const std::string& a, const std::string& b) {
    for (size_t p = s.find(a); p != std::string::npos; p = s.find(a, p + b.size())) s.replace(p, a.size(), b);
    return s;
  };
  if (en.find(" & ") != std::string::npos) v.push_back(replace_all(en, " & ", " and "));
  if (en.rfind("St. ", 0) == 0) {
    v.push_back("Saint " + en.substr(4));
    if (en.find(" & ") != std::string::npos) v.push_back("Saint " + replace_all(en.substr(4), " & ", " and "));
  }
  if (en.find("’") != std::string::npos) v.push_back(replace_all(en, "’", "'"));
  return v;
}

struct Row {
  std::string id, name;
  std::vector<std::string> aliases;
  std::vector<std::pair<std::string, std::string>> attrs;
  int priority = 0;
  std::string source;  // ISO code or zone id, for messages
};


// The context words actually written: the table's words, less nothing-saying
// ones, plus the entry's own names that are not in context_names. relata
// checks the context for every name of an entry, by substring of the
// sentence, so listing the unambiguous names lets them match on their own
// (Türkiye needs nothing; a bare Turkey needs a Turkish word nearby).
std::string ContextValue(const std::string& context, const std::string& context_names, const Row& r);

void AddName(Row* r, const std::string& s, const std::set<std::string>& drop) {
  if (s.empty()) return;
  const std::string n = Norm(s);
  if (kNeverNames.count(n) || drop.count(n)) return;
  if (Norm(r->name) == n) return;
  for (const auto& a : r->aliases) {
    if (Norm(a) == n) return;
  }
  if (r->name.empty()) {
    r->name = s;
  } else {
    r->aliases.push_back(s);
  }
  // Korean news writes most foreign names without CLDR's spaces.
  if (HasHangul(s) && s.find(' ') != std::string::npos) {
    std::string joined;
    for (char c : s)
      if (c != ' ') joined += c;
    AddName(r, joined, drop);
  }
}

std::set<std::string> NormSet(const std::vector<std::string>& v) {
  std::set<std::string> out;
  for (const auto& s : v) out.insert(Norm(s));
  return out;
}

std::string Join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out += sep;
    out += v[i];
  }
  return out;
}


std::vector<std::string> SplitBar(const std::string& s) {
  std::vector<std::string> out;
  size_t from = 0;
  while (from <= s.size()) {
    size_t bar = s.find('|', from);
    if (bar == std::string::npos) bar = s.size();
    if (bar > from) out.push_back(s.substr(from, bar - from));
    from = bar + 1;
  }
  return out;
}

std::string ContextValue(const std::string& context, const std::string& context_names, const Row& r) {
  std::vector<std::string> words;
  std::set<std::string> seen;
  auto add = [&](const std::string& w) {
    if (seen.insert(Norm(w)).second) words.push_back(w);
  };
  for (const auto& w : SplitBar(context)) add(w);
  if (!context_names.empty()) {
    std::set<std::string> guarded;
    for (const auto& n : SplitBar(context_names)) guarded.insert(Norm(n));
    std::vector<std::string> names{r.name};
    names.insert(names.end(), r.aliases.begin(), r.aliases.end());
    for (const auto& n : names) {
      if (!guarded.count(Norm(n))) add(n);
    }
  }
  return Join(words, "|");
}

void WriteRows(const std::string& path, const std::string& what, std::vector<Row> rows) {
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.id < b.id; });
  std::ofstream out(path, std::ios::binary);
  if (!out) {
    std::cerr << "gen_places: cannot write " << path << "\n";
    std::exit(1);
  }
  out << "# GENERATED by tools/gen_places/gen_places.cc from ICU " << U_ICU_VERSION << " CLDR data: " << what
      << ". Do not edit by hand; regenerate with:\n"
      << "#   g++ -std=c++17 -O1 tools/gen_places/gen_places.cc $(pkg-config --cflags --libs icu-i18n icu-uc) "
         "-o /tmp/gen_places && /tmp/gen_places gazetteers/places\n"
      << "# Columns: id, type, name, aliases (|), attributes (k=v;k=v). Hand-written places: the other files here.\n";
  for (const Row& r : rows) {
    std::vector<std::string> attrs;
    for (const auto& kv : r.attrs) attrs.push_back(kv.first + "=" + kv.second);
    if (r.priority) attrs.push_back("priority=" + std::to_string(r.priority));
    out << r.id << "\tplace\t" << r.name << "\t" << Join(r.aliases, "|") << "\t" << Join(attrs, ";") << "\n";
  }
  std::cerr << "gen_places: wrote " << rows.size() << " rows to " << path << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: gen_places OUTDIR   (writes OUTDIR/countries.tsv and OUTDIR/cities_cldr.tsv)\n";
    return 2;
  }
  const std::string outdir = argv[1];
  const icu::Locale ko("ko"), en("en");
  UErrorCode st = U_ZERO_ERROR;
  UDisplayContext short_ctx[] = {UDISPCTX_LENGTH_SHORT};
  std::unique_ptr<icu::LocaleDisplayNames> ko_short(icu::LocaleDisplayNames::createInstance(ko, short_ctx, 1));
  std::unique_ptr<icu::LocaleDisplayNames> en_short(icu::LocaleDisplayNames::createInstance(en, short_ctx, 1));

  // Countries and territories.
  std::map<std::string, std::string> country_id;  // ISO -> id
  std::map<std::string, std::string> taken;       // normalized surface form -> id
  std::vector<Row> countries;
  std::vector<std::string> codes;
  for (const char* const* c = icu::Locale::getISOCountries(); *c; ++c) codes.push_back(*c);
  // First pass: ids (a territory's parent needs its sovereign's id).
  for (const std::string& cc : codes) {
    UnicodeString e;
    icu::Locale("und", cc.c_str()).getDisplayCountry(en, e);
    auto fx = CountryFixes().find(cc);
    std::string slug = fx != CountryFixes().end() && !fx->second.id.empty() ? fx->second.id : Slug(Utf8(e));
    country_id[cc] = "place:" + slug;
  }
  for (const std::string& cc : codes) {
    icu::Locale loc("und", cc.c_str());
    UnicodeString k, e, ks, es;
    loc.getDisplayCountry(ko, k);
    loc.getDisplayCountry(en, e);
    ko_short->regionDisplayName(cc.c_str(), ks);
    en_short->regionDisplayName(cc.c_str(), es);
    Fix fix;
    auto fx = CountryFixes().find(cc);
    if (fx != CountryFixes().end()) fix = fx->second;
    const std::set<std::string> drop = NormSet(fix.drop);
    Row r;
    r.id = country_id[cc];
    r.source = cc;
    AddName(&r, fix.ko.empty() ? Utf8(k) : fix.ko, drop);
    AddName(&r, fix.en.empty() ? Utf8(e) : fix.en, drop);
    AddName(&r, Utf8(k), drop);
    AddName(&r, Utf8(e), drop);
    AddName(&r, Utf8(ks), drop);
    AddName(&r, Utf8(es), drop);
    for (const auto& v : EnglishVariants(Utf8(e))) AddName(&r, v, drop);
    for (const auto& a : fix.aliases) AddName(&r, a, drop);
    r.attrs.push_back({"iso", cc});
    auto sov = kSovereign.find(cc);
    const bool territory = sov != kSovereign.end() || kTerritoryNoParent.count(cc);
    r.attrs.push_back({"kind", territory ? "territory" : "country"});
    if (sov != kSovereign.end()) r.attrs.push_back({"parent", country_id.at(sov->second)});
    if (!fix.context.empty()) {
      r.attrs.push_back({"context", ContextValue(fix.context, fix.context_names, r)});
      if (!fix.context_names.empty()) r.attrs.push_back({"context_names", fix.context_names});
    }
    r.priority = fix.priority;
    for (const std::string& n : std::vector<std::string>{r.name}) taken[Norm(n)] = r.id;
    for (const auto& a : r.aliases) {
      auto [it, fresh] = taken.emplace(Norm(a), r.id);
      if (!fresh && it->second != r.id) std::cerr << "gen_places: warning: '" << a << "' on " << it->second << " and " << r.id << "\n";
    }
    countries.push_back(std::move(r));
  }

  // Cities: exemplar locations of the canonical location zones.
  std::unique_ptr<icu::TimeZoneNames> tzko(icu::TimeZoneNames::createInstance(ko, st));
  Check(st, "TimeZoneNames ko");
  std::unique_ptr<icu::TimeZoneNames> tzen(icu::TimeZoneNames::createInstance(en, st));
  Check(st, "TimeZoneNames en");
  std::unique_ptr<icu::StringEnumeration> zones(
      icu::TimeZone::createTimeZoneIDEnumeration(UCAL_ZONE_TYPE_CANONICAL_LOCATION, nullptr, nullptr, st));
  Check(st, "zone enumeration");
  std::vector<Row> cities;
  std::set<std::string> ids;
  for (const auto& r : countries) ids.insert(r.id);
  std::map<std::string, std::vector<size_t>> city_names;  // normalized -> city rows
  for (const UnicodeString* z = zones->snext(st); z != nullptr; z = zones->snext(st)) {
    Check(st, "zone enumeration");
    const std::string tz = Utf8(*z);
    if (tz.rfind("Etc/", 0) == 0 || kSkipZones.count(tz)) continue;
    UnicodeString canon;
    UBool is_system = false;
    icu::TimeZone::getCanonicalID(*z, canon, is_system, st);
    Check(st, "canonical id");
    if (canon != *z) continue;
    char region[8] = {0};
    icu::TimeZone::getRegion(*z, region, sizeof region, st);
    Check(st, "zone region");
    if (!country_id.count(region)) {
      std::cerr << "gen_places: skip " << tz << ": region " << region << " has no country\n";
      continue;
    }
    UnicodeString k, e;
    tzko->getExemplarLocationName(*z, k);
    tzen->getExemplarLocationName(*z, e);
    Fix fix;
    auto fx = ZoneFixes().find(tz);
    if (fx != ZoneFixes().end()) fix = fx->second;
    const std::set<std::string> drop = NormSet(fix.drop);
    std::string kname = fix.ko.empty() ? Utf8(k) : fix.ko;
    std::string ename = fix.en.empty() ? Utf8(e) : fix.en;
    if (!HasHangul(kname)) kname.clear();  // no Korean exemplar: ICU derived one from the id
    if (!HasLatin(ename)) ename.clear();
    if (ename.empty() && kname.empty()) continue;
    // A city named like a country or territory is that country's entry (Singapore, Monaco).
    bool country_name = false;
    for (const std::string& n : {Utf8(k), Utf8(e)}) {
      auto t = taken.find(Norm(n));
      if (!n.empty() && t != taken.end()) country_name = true;
    }
    if (country_name && fix.id.empty()) {
      std::cerr << "gen_places: skip " << tz << ": named like a country (" << Utf8(e) << ")\n";
      continue;
    }
    Row r;
    r.source = tz;
    std::string slug = !fix.id.empty() ? fix.id : Slug(ename.empty() ? Utf8(e) : ename);
    r.id = "place:" + slug;
    if (ids.count(r.id)) {  // a city named like another entry: qualify with the country code
      std::string cc = region;
      for (char& ch : cc) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      r.id += "-" + cc;
    }
    if (ids.count(r.id)) {
      std::cerr << "gen_places: skip " << tz << ": id " << r.id << " taken\n";
      continue;
    }
    AddName(&r, kname, drop);
    AddName(&r, ename, drop);
    if (HasHangul(Utf8(k))) AddName(&r, Utf8(k), drop);
    if (HasLatin(Utf8(e))) AddName(&r, Utf8(e), drop);
    for (const auto& v : EnglishVariants(ename)) AddName(&r, v, drop);
    for (const auto& a : fix.aliases) AddName(&r, a, drop);
    if (r.name.empty()) continue;
    // Names taken by a country go; the entry is kept if anything is left.
    std::vector<std::string> names{r.name};
    names.insert(names.end(), r.aliases.begin(), r.aliases.end());
    std::vector<std::string> kept;
    for (const auto& n : names) {
      if (taken.count(Norm(n))) {
        std::cerr << "gen_places: " << tz << ": drop '" << n << "' (a country's name)\n";
        continue;
      }
      kept.push_back(n);
    }
    if (kept.empty()) continue;
    r.name = kept[0];
    r.aliases.assign(kept.begin() + 1, kept.end());
    r.attrs.push_back({"kind", kNotCityZones.count(tz) ? "region" : "city"});
    r.attrs.push_back({"tz", tz});
    r.attrs.push_back({"parent", fix.parent.empty() ? country_id.at(region) : fix.parent});
    if (!fix.context.empty()) {
      r.attrs.push_back({"context", ContextValue(fix.context, fix.context_names, r)});
      if (!fix.context_names.empty()) r.attrs.push_back({"context_names", fix.context_names});
    }
    r.priority = fix.priority;
    ids.insert(r.id);
    for (const auto& n : kept) city_names[Norm(n)].push_back(cities.size());
    cities.push_back(std::move(r));
  }
  // A surface form on two cities is dropped from both (none is preferred
  // without a reason; add an alias by hand on the one that deserves it).
  for (const auto& [n, rows] : city_names) {
    if (rows.size() < 2) continue;
    for (size_t i : rows) {
      Row& r = cities[i];
      std::cerr << "gen_places: '" << n << "' is on several cities: drop from " << r.id << "\n";
      std::vector<std::string> kept;
      if (Norm(r.name) != n) kept.push_back(r.name);
      for (const auto& a : r.aliases)
        if (Norm(a) != n) kept.push_back(a);
      r.name = kept.empty() ? "" : kept[0];
      r.aliases.assign(kept.empty() ? kept.end() : kept.begin() + 1, kept.end());
    }
  }
  cities.erase(std::remove_if(cities.begin(), cities.end(), [](const Row& r) { return r.name.empty(); }), cities.end());

  WriteRows(outdir + "/countries.tsv", "countries and territories (Locale::getISOCountries, ko/en display names)",
            countries);
  WriteRows(outdir + "/cities_cldr.tsv", "cities (exemplar cities of canonical time zones, parent = zone region)",
            cities);
  return 0;
}
