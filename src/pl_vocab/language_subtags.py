# ruff: noqa: SIM905
"""Tables of the IANA Language Subtag Registry for :mod:`pl_vocab.langtag`.

Generated, do not edit: written by ``tools/language_tags.py`` from the registry copy
shipped by language-tags 1.3.2 (registry File-Date 2024-05-16).
Regenerate with ``uv run python -m tools.language_tags``.
"""

from __future__ import annotations

from typing import Final

FILE_DATE: Final = "2024-05-16"
"""The File-Date of the registry these tables come from."""


LANGUAGES_2: Final = frozenset(
    """
    aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs
    cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha
    he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn
    ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb
    nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd
    se sg sh si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt
    tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
    """.split()
)
"""The 2-letter language subtags in use (lowercase)."""


DEPRECATED_LANGUAGES_2: Final[dict[str, str]] = {
    "in": "id",
    "iw": "he",
    "ji": "yi",
    "jw": "jv",
    "mo": "ro",
}
"""Deprecated 2-letter language subtags -> their Preferred-Value ("" if none)."""


REGIONS_2: Final = frozenset(
    """
    AA AC AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL
    BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CP CQ CR CU CV
    CW CX CY CZ DE DG DJ DK DM DO DZ EA EC EE EG EH ER ES ET EU EZ FI FJ FK FM FO FR GA
    GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU IC ID IE IL
    IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR
    LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ
    NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA
    QM QN QO QP QQ QR QS QT QU QV QW QX QY QZ RE RO RS RU RW SA SB SC SD SE SG SH SI SJ
    SK SL SM SN SO SR SS ST SV SX SY SZ TA TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW
    TZ UA UG UM UN US UY UZ VA VC VE VG VI VN VU WF WS XA XB XC XD XE XF XG XH XI XJ XK
    XL XM XN XO XP XQ XR XS XT XU XV XW XX XY XZ YE YT ZA ZM ZW ZZ
    """.split()
)
"""The 2-letter region subtags in use (uppercase), private-use ranges expanded."""


DEPRECATED_REGIONS_2: Final[dict[str, str]] = {
    "AN": "",
    "BU": "MM",
    "CS": "",
    "DD": "DE",
    "FX": "FR",
    "NT": "",
    "SU": "",
    "TP": "TL",
    "YD": "YE",
    "YU": "",
    "ZR": "CD",
}
"""Deprecated 2-letter region subtags -> their Preferred-Value ("" if none)."""


SCRIPTS: Final = frozenset(
    """
    adlm afak aghb ahom arab aran armi armn avst bali bamu bass batk beng bhks blis bopo
    brah brai bugi buhd cakm cans cari cham cher chis chrs cirt copt cpmn cprt cyrl cyrs
    deva diak dogr dsrt dupl egyd egyh egyp elba elym ethi gara geok geor glag gong gonm
    goth gran grek gujr gukh guru hanb hang hani hano hans hant hatr hebr hira hluw hmng
    hmnp hrkt hung inds ital jamo java jpan jurc kali kana kawi khar khmr khoj kitl kits
    knda kore kpel krai kthi lana laoo latf latg latn leke lepc limb lina linb lisu loma
    lyci lydi mahj maka mand mani marc maya medf mend merc mero mlym modi mong moon mroo
    mtei mult mymr nagm nand narb nbat newa nkdb nkgb nkoo nshu ogam olck onao orkh orya
    osge osma ougr palm pauc pcun pelm perm phag phli phlp phlv phnx piqd plrd prti psin
    ranj rjng rohg roro runr samr sara sarb saur sgnw shaw shrd shui sidd sidt sind sinh
    sogd sogo sora soyo sund sunu sylo syrc syre syrj syrn tagb takr tale talu taml tang
    tavt tayo telu teng tfng tglg thaa thai tibt tirh tnsa todr tols toto tutg ugar vaii
    visp vith wara wcho wole xpeo xsux yezi yiii zanb zinh zmth zsye zsym zxxx zyyy zzzz
    """.split()
)
"""The script subtags (lowercase), without the private-use range Qaaa..Qabx."""


GRANDFATHERED: Final = frozenset(
    """
    art-lojban cel-gaulish en-gb-oed i-ami i-bnn i-default i-enochian i-hak i-klingon
    i-lux i-mingo i-navajo i-pwn i-tao i-tay i-tsu no-bok no-nyn sgn-be-fr sgn-be-nl
    sgn-ch-de zh-guoyu zh-hakka zh-min zh-min-nan zh-xiang
    """.split()
)
"""The grandfathered tags of RFC 5646 section 2.2.8 (lowercase), valid as whole tags."""
