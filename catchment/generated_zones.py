"""Generated zone spreadsheets for benchmarks, the soak test and the
journeys: plausible schools, streets, house-number ranges, segments,
compounds and villages, every zone with its 描述 row, neighbouring zones
sharing boundary streets. Deterministic for a given random generator.

    manage.py benchmark_catchments --write zones.csv --rules 4500 --rules-per-zone 15
    # 300 zones, 4,801 lines with the header: the import of issue 12's finding 4
"""

import random

from .spreadsheet import write_csv

SURNAMES = "张王李赵刘陈杨黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
WORDS = (
    "长乐兴隆和平解放人民建设胜利光明幸福团结红旗东风朝阳新华文化育才凯旋滨江中山北京南京西湖青年五一八一健康友谊春风"
)
SUFFIXES = ["路", "街", "巷", "大道", "东路", "西路", "南路", "北路", "中路", "横街"]
COMPOUND_ENDINGS = ["花园", "家园", "小区", "苑", "公寓", "新村"]


def streets(rng, count):
    names = set()
    while len(names) < count:
        names.add(rng.choice(WORDS) + rng.choice(WORDS) + rng.choice(WORDS) + rng.choice(SUFFIXES))
    return sorted(names)


def zone_rows(rng=None, total=4500, per_zone=15, year=2026):
    """Rows (lists of the ten cells) of `total // per_zone` zones with `per_zone` rules each."""
    rng = rng or random.Random(7)
    zones = max(1, total // per_zone)
    street_names = streets(rng, 3 * total)
    rows, made = [], 0
    rng.shuffle(street_names)
    street_iter = iter(street_names)
    previous_boundaries = []
    for number in range(zones):
        school = f"{SURNAMES[number % len(SURNAMES)]}{SURNAMES[(number * 7) % len(SURNAMES)]}第{number + 1}小学"
        base = [str(year), "小学", school]

        def add(*cells, base=base):
            rows.append(base + list(cells) + [""] * (7 - len(cells)))

        add("描述", "范围", f"{school}的招生范围：生成的测试数据。")
        boundaries = previous_boundaries or [next(street_iter) for _ in range(3)]
        own_boundaries = [next(street_iter) for _ in range(3)]
        kinds = 0
        for street in boundaries + own_boundaries:
            add("边界", "边界", street)
            kinds += 1
        previous_boundaries = own_boundaries
        while kinds < per_zone and made + kinds < total:
            street = next(street_iter)
            choice = kinds % 6
            if choice == 0:
                add("包含", "街道", street)
            elif choice == 1:
                start = rng.randint(1, 50)
                add(
                    "包含",
                    "门牌",
                    street,
                    str(start),
                    str(start + rng.randint(10, 200)),
                    rng.choice(["单", "双", "全"]),
                )
            elif choice == 2:
                add("包含", "路段", street, next(street_iter), next(street_iter), "", rng.choice(["东侧", "两侧", ""]))
            elif choice == 3:
                name = rng.choice(WORDS) + rng.choice(WORDS) + rng.choice(COMPOUND_ENDINGS) + f"{number}-{kinds}"
                add("包含", "小区", name, "", "", "", f"别名：{name}一期")
            elif choice == 4:
                add("排除", "门牌", street, "1", str(rng.randint(2, 30)))
            else:
                add("包含", "村", f"{rng.choice(WORDS)}{rng.choice(WORDS)}{number}-{kinds}村")
            kinds += 1
        made += kinds
    return rows


def zone_csv(total=4500, per_zone=15, seed=7):
    """The generated rows as the import spreadsheet's bytes (CSV, UTF-8 with BOM)."""

    return write_csv(zone_rows(random.Random(seed), total, per_zone)).encode("utf-8")
