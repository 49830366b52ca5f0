//! No input makes a parser panic: valid samples are mutated at every
//! position (truncation, deletion, replacement and insertion of ASCII
//! oddities and multi-byte UTF-8) and fed to every parser.

use crate::*;

const SEEDS: &[&str] = &[
    "2024-05-01T12:30:00.123456789+05:30",
    "2016-12-31t23:59:60z",
    "2024-02-29",
    "23:59:59.5-00:00",
    "P1Y2M3DT4H5M6.5S",
    "P2W",
    "PT0,5S",
    "-123.4500",
    "0",
    "67e55044-10b1-426f-9247-bb680e5fe0c8",
    "https://user@[::1]:80/a%20b?q#f",
    "http://[v7.a:b]/",
    "/a~0b/c~1d",
    "-9223372036854775808",
    "340282366920938463463374607431768211455",
    "Zm9vYmE=",
    "MZXW6YTBOI======",
    "666f6f",
    "",
];

const ODD: &[&str] = &[
    "é", "日", "😀", "\u{0}", "\u{7f}", "\u{feff}", " ", "-", "+", ".", ",", ":", "~", "%", "[",
    "]", "@", "/", "#", "?", "=", "T", "Z", "P", "9", "0", "e",
];

fn every_parser(s: &str) {
    let _ = s.parse::<DateTime>().map(|v| v.to_string());
    let _ = s.parse::<Date>().map(|v| v.to_string());
    let _ = s.parse::<Time>().map(|v| v.to_string());
    let _ = s.parse::<Duration>().map(|v| (v.to_std(), v.seconds()));
    let _ = s
        .parse::<Decimal>()
        .map(|v| (v.precision(), v.scale(), v.to_f64()));
    let _ = s.parse::<Uuid>().map(|v| v.to_string());
    let _ = s
        .parse::<Uri>()
        .map(|v| (v.scheme().map(str::len), v.is_absolute()));
    let _ = s.parse::<JsonPointer>().map(|v| v.tokens().count());
    if let Ok(json) = serde_json::to_string(s) {
        from_json(&json);
    }
    // Also try the text as a raw JSON document (numbers, garbage).
    from_json(s);
}

fn from_json(json: &str) {
    fn de<'de, A: DeserializeAs<'de, T>, T>(json: &'de str) {
        let mut d = serde_json::Deserializer::from_str(json);
        let _ = A::deserialize_as(&mut d);
    }
    de::<StringInt, i64>(json);
    de::<StringInt, u64>(json);
    de::<StringInt, i128>(json);
    de::<LenientStringInt, u128>(json);
    de::<LenientStringInt, i64>(json);
    de::<Number, f64>(json);
    de::<Number, f32>(json);
    de::<Base64, Vec<u8>>(json);
    de::<Base64Url, Vec<u8>>(json);
    de::<Base32, Vec<u8>>(json);
    de::<Base32Hex, Vec<u8>>(json);
    de::<Base16, Vec<u8>>(json);
    de::<LenientDecimal, Decimal>(json);
    de::<UniqueVec<Same>, Vec<serde_json::Value>>(json);
    de::<Present<Option<Same>>, Option<Option<DateTime>>>(json);
}

fn mutations(seed: &str) -> Vec<String> {
    let mut out = vec![seed.to_owned()];
    let boundaries: Vec<usize> = seed
        .char_indices()
        .map(|(i, _)| i)
        .chain([seed.len()])
        .collect();
    for &i in &boundaries {
        let (head, tail) = seed.split_at(i);
        out.push(head.to_owned());
        out.push(tail.to_owned());
        let mut rest = tail.chars();
        rest.next();
        let after_next = rest.as_str();
        out.push(format!("{head}{after_next}"));
        for odd in ODD {
            out.push(format!("{head}{odd}{tail}"));
            out.push(format!("{head}{odd}{after_next}"));
        }
    }
    out
}

#[test]
fn no_parser_panics() {
    let mut count = 0usize;
    for seed in SEEDS {
        for s in mutations(seed) {
            every_parser(&s);
            count += 1;
        }
    }
    for odd in ODD {
        every_parser(odd);
        every_parser(&odd.repeat(100));
    }
    for long in [
        "9".repeat(5000),
        "P".repeat(300),
        "/~".repeat(100),
        "%".repeat(99),
    ] {
        every_parser(&long);
    }
    every_parser("1e999999999");
    every_parser("-1e-999999999");
    every_parser("123456789012345678901234567890e5");
    assert!(count > 1000, "only {count} inputs");
}

#[test]
fn valid_seeds_still_parse() {
    assert!(SEEDS[0].parse::<DateTime>().is_ok());
    assert!(SEEDS[4].parse::<Duration>().is_ok());
    assert!(SEEDS[10].parse::<Uri>().is_ok());
    assert!(SEEDS[11].parse::<Uri>().is_ok());
}
