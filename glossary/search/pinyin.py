"""Pinyin as people type it: with or without tones or spaces, tone digits, ü as v or u:.

The index stores each Chinese term's pinyin joined ("sangushili"); a query is brought to the
same form. Segmenting the letters into syllables is only needed to say which characters a
pinyin match covers (for highlighting) and to tell pinyin from English.
"""

from __future__ import annotations

import functools
import re

from glossary.analysis import fold

#: Every Mandarin syllable in its toneless form (ü written v), without the interjections
#: m, n, ng, hm, hng, which would make almost any Latin string "pinyin".
_SYLLABLE_LIST = """
a ai an ang ao ba bai ban bang bao bei ben beng bi bian biang biao bie bin bing bo bu ca cai
can cang cao ce cei cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua
chuai chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de dei
den deng di dia dian diao die din ding diu dong dou du duan dui dun duo e ei en eng er fa fan
fang fei fen feng fiao fo fou fu ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan
guang gui gun guo ha hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun
huo ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke kei
ken keng kong kou ku kua kuai kuan kuang kui kun kuo la lai lan lang lao le lei len leng li lia
lian liang liao lie lin ling liu lo long lou lu luan lun luo lv lve ma mai man mang mao me mei
men meng mi mian miao mie min ming miu mo mou mu na nai nan nang nao ne nei nen neng ni nia
nian niang niao nie nin ning niu nong nou nu nuan nun nuo nv nve o ou pa pai pan pang pao pei
pen peng pi pian piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu
quan que qun ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo sa sai san sang sao
se sen seng sha shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang
shui shun shuo si song sou su suan sui sun suo ta tai tan tang tao te tei teng ti tian tiao tie
ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen weng wo wu xi xia xian xiang xiao xie
xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun za
zai zan zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu
zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo
"""
SYLLABLES = frozenset(_SYLLABLE_LIST.split())
_LONGEST = max(map(len, SYLLABLES))
_TONE_DIGIT = re.compile(r"(?<=[a-z])[1-5]")
_SEPARATORS = re.compile(r"[\s'’ʼ\-·]+")


def letters(text: str) -> str | None:
    """The toneless letters of typed pinyin, joined; None when it cannot be pinyin.
    Digits are read as tones only where what is left splits into syllables.

    >>> [letters(t) for t in ("sān gǔ shì lì", "san1 gu3 shi4 li4", "Xi'an", "lu:", "G20")]
    ['sangushili', 'sangushili', 'xian', 'lv', None]
    >>> letters("Qwx3z"), letters("sgsl")
    (None, 'sgsl')
    """
    folded = fold(text).replace("u:", "v")
    toneless = _TONE_DIGIT.sub("", folded)
    joined = _SEPARATORS.sub("", toneless)
    if not joined or not joined.isascii() or not joined.isalpha():
        return None
    if toneless != folded and segment(joined) is None:
        return None
    return joined


@functools.lru_cache(maxsize=4096)
def segment(joined: str, *, partial: bool = False) -> tuple[str, ...] | None:
    """Split joined letters into syllables, fewest syllables first; None when impossible.

    `partial`: the last piece may be the start of a syllable (search as you type).

    >>> segment("sangushili"), segment("xian"), segment("rats"), segment("sangush", partial=True)
    (('san', 'gu', 'shi', 'li'), ('xian',), None, ('san', 'gu', 'sh'))
    """
    n = len(joined)
    best: list[tuple[str, ...] | None] = [None] * (n + 1)
    best[0] = ()
    for end in range(1, n + 1):
        for start in range(max(0, end - _LONGEST), end):
            piece = joined[start:end]
            head = best[start]
            if head is None:
                continue
            ok = piece in SYLLABLES or (partial and end == n and _starts_syllable(piece))
            known = best[end]
            if ok and (known is None or len(head) + 1 < len(known)):
                best[end] = (*head, piece)
    return best[n]


@functools.cache
def _prefixes() -> frozenset[str]:
    return frozenset(s[:i] for s in SYLLABLES for i in range(1, len(s) + 1))


def _starts_syllable(piece: str) -> bool:
    return piece in _prefixes()
