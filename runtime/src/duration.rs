//! JSON Structure `duration`: ISO 8601 durations (RFC 3339 Appendix A).

use std::fmt;
use std::str::FromStr;

use crate::ParseError;

const EXPECTED: &str = "ISO 8601 duration";

/// Units in the order they must appear.
const YEARS: usize = 0;
const MONTHS: usize = 1;
const WEEKS: usize = 2;
const DAYS: usize = 3;
const HOURS: usize = 4;
const MINUTES: usize = 5;
const SECONDS: usize = 6;

/// Length of each unit in nanoseconds (`None` for calendar units); a day is
/// taken as 24 hours.
const UNIT_NANOS: [Option<u128>; 7] = [
    None,
    None,
    Some(7 * 86_400 * 1_000_000_000),
    Some(86_400 * 1_000_000_000),
    Some(3_600 * 1_000_000_000),
    Some(60 * 1_000_000_000),
    Some(1_000_000_000),
];

/// A JSON Structure `duration`: an ISO 8601 duration such as `P1Y2M3DT4H5M6.5S`
/// or `P2W`, kept as its exact text.
///
/// Grammar: `P`, then date components `nY`, `nM`, `nD` in that order, then
/// optionally `T` followed by time components `nH`, `nM`, `nS` in that
/// order; or `nW` alone. At least one component overall, and at least one
/// after `T`. Each component is optional, so the non-contiguous forms
/// `P1Y2D` and `PT1H5S` are accepted (ISO 8601 allows them; this is more
/// lenient than RFC 3339's ABNF). The last component may carry a decimal
/// fraction with `.` or `,` (`PT1.5S`, `P0,5D`). Rejected: `P`, `PT`, the
/// empty string, a sign, lowercase designators, `1 hour`, `T` with nothing
/// after it, repeated or out-of-order units.
///
/// Representation: the text is stored (a small `Box<str>`) next to the
/// parsed integer parts; equality and hashing are by exact text.
///
/// ```
/// use json_structure_runtime::Duration;
///
/// let d: Duration = "PT1H30M".parse().unwrap();
/// assert_eq!(d.hours(), Some(1));
/// assert_eq!(d.minutes(), Some(30));
/// assert_eq!(d.to_std(), Some(std::time::Duration::from_secs(5400)));
/// assert_eq!(serde_json::to_string(&d).unwrap(), r#""PT1H30M""#);
/// assert!("1 hour".parse::<Duration>().is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Duration {
    text: Box<str>,
    parts: [Option<u64>; 7],
    /// Byte range of the fraction digits of the last component, if any.
    fraction: Option<(u32, u32)>,
    /// Unit index carrying the fraction (meaningful only with `fraction`).
    fraction_unit: u8,
}

impl Duration {
    /// The exact text.
    ///
    /// ```
    /// let d: json_structure_runtime::Duration = "P1D".parse().unwrap();
    /// assert_eq!(d.as_str(), "P1D");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Integer part of the years component, if present.
    ///
    /// ```
    /// let d: json_structure_runtime::Duration = "P3Y".parse().unwrap();
    /// assert_eq!(d.years(), Some(3));
    /// ```
    pub fn years(&self) -> Option<u64> {
        self.parts[YEARS]
    }

    /// Integer part of the months component (date part `M`), if present.
    ///
    /// ```
    /// let d: json_structure_runtime::Duration = "P2M".parse().unwrap();
    /// assert_eq!(d.months(), Some(2));
    /// ```
    pub fn months(&self) -> Option<u64> {
        self.parts[MONTHS]
    }

    /// Integer part of the weeks component, if present (`PnW` form).
    ///
    /// ```
    /// let d: json_structure_runtime::Duration = "P2W".parse().unwrap();
    /// assert_eq!(d.weeks(), Some(2));
    /// ```
    pub fn weeks(&self) -> Option<u64> {
        self.parts[WEEKS]
    }

    /// Integer part of the days component, if present.
    ///
    /// ```
    /// let d: json_structure_runtime::Duration = "P1Y2D".parse().unwrap();
    /// assert_eq!(d.days(), Some(2));
    /// ```
    pub fn days(&self) -> Option<u64> {
        self.parts[DAYS]
    }

    /// Integer part of the hours component, if present.
    ///
    /// ```
    /// let d: json_structure_runtime::Duration = "PT1.5H".parse().unwrap();
    /// assert_eq!(d.hours(), Some(1));
    /// assert_eq!(d.fraction(), Some("5"));
    /// ```
    pub fn hours(&self) -> Option<u64> {
        self.parts[HOURS]
    }

    /// Integer part of the minutes component (time part `M`), if present.
    ///
    /// ```
    /// let d: json_structure_runtime::Duration = "PT5M".parse().unwrap();
    /// assert_eq!(d.minutes(), Some(5));
    /// ```
    pub fn minutes(&self) -> Option<u64> {
        self.parts[MINUTES]
    }

    /// The seconds component including its fraction, if present.
    ///
    /// ```
    /// let d: json_structure_runtime::Duration = "PT2,25S".parse().unwrap();
    /// assert_eq!(d.seconds(), Some(2.25));
    /// ```
    pub fn seconds(&self) -> Option<f64> {
        let int = self.parts[SECONDS]?;
        if self.fraction.is_none() {
            return Some(int as f64);
        }
        // Seconds are always the last component: the number before the
        // final 'S', after the preceding designator.
        let body = self.text.strip_suffix('S')?;
        let start = body.rfind(|c: char| c.is_ascii_alphabetic())? + 1;
        let number = body.get(start..)?;
        if number.contains(',') {
            number.replace(',', ".").parse().ok()
        } else {
            number.parse().ok()
        }
    }

    /// The digits after the decimal separator of the last component, if it
    /// has a fraction (the unit accessors return integer parts).
    ///
    /// ```
    /// let d: json_structure_runtime::Duration = "P1DT0.25H".parse().unwrap();
    /// assert_eq!(d.fraction(), Some("25"));
    /// ```
    pub fn fraction(&self) -> Option<&str> {
        let (start, end) = self.fraction?;
        self.text.get(start as usize..end as usize)
    }

    /// The duration as a `std::time::Duration`, or `None` if it has years or
    /// months (whose length depends on the calendar) or overflows. Weeks are
    /// 7 days and days 24 hours; a fraction is truncated to whole
    /// nanoseconds.
    ///
    /// ```
    /// use json_structure_runtime::Duration;
    /// use std::time::Duration as Std;
    ///
    /// let d: Duration = "P1DT0.5S".parse().unwrap();
    /// assert_eq!(d.to_std(), Some(Std::new(86_400, 500_000_000)));
    /// assert_eq!("P1M".parse::<Duration>().unwrap().to_std(), None);
    /// ```
    pub fn to_std(&self) -> Option<std::time::Duration> {
        if self.parts[YEARS].is_some() || self.parts[MONTHS].is_some() {
            return None;
        }
        let mut total: u128 = 0;
        for (part, unit) in self.parts.iter().zip(UNIT_NANOS) {
            if let (Some(n), Some(unit)) = (part, unit) {
                total = total.checked_add(u128::from(*n).checked_mul(unit)?)?;
            }
        }
        if let (Some(frac), Some(unit)) = (
            self.fraction(),
            UNIT_NANOS
                .get(usize::from(self.fraction_unit))
                .copied()
                .flatten(),
        ) {
            // 20 digits are far below a nanosecond even for weeks.
            let digits = frac.get(..frac.len().min(20)).unwrap_or_default();
            let value: u128 = digits.parse().ok()?;
            let scale = 10u128.checked_pow(digits.len() as u32)?;
            total = total.checked_add(value.checked_mul(unit)? / scale)?;
        }
        let secs = u64::try_from(total / 1_000_000_000).ok()?;
        Some(std::time::Duration::new(
            secs,
            (total % 1_000_000_000) as u32,
        ))
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl FromStr for Duration {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, ParseError> {
        let err = |reason: &'static str| ParseError::new(EXPECTED, s, reason);
        let bytes = s.as_bytes();
        match bytes.first() {
            None => return Err(err("empty string")),
            Some(b'P') => {}
            Some(b'+' | b'-') => return Err(err("a sign is not allowed")),
            Some(_) => return Err(err("must start with 'P' (e.g. \"PT1H\", \"P1D\")")),
        }
        if s.len() > u32::MAX as usize {
            return Err(err("too long"));
        }
        let mut parts = [None; 7];
        let mut fraction = None;
        let mut fraction_unit = 0u8;
        let mut in_time = false;
        let mut time_components = 0;
        let mut next_unit = 0usize;
        let mut pos = 1;
        while pos < bytes.len() {
            if bytes[pos] == b'T' {
                if in_time {
                    return Err(err("'T' may appear only once"));
                }
                in_time = true;
                pos += 1;
                continue;
            }
            if fraction.is_some() {
                return Err(err("a fraction is only allowed on the last component"));
            }
            let start = pos;
            while bytes.get(pos).is_some_and(u8::is_ascii_digit) {
                pos += 1;
            }
            if pos == start {
                return Err(err("expected a number before each unit designator"));
            }
            let int_text = s.get(start..pos).unwrap_or_default();
            let value: u64 = int_text.parse().map_err(|_| err("component too large"))?;
            if matches!(bytes.get(pos), Some(b'.' | b',')) {
                pos += 1;
                let frac_start = pos;
                while bytes.get(pos).is_some_and(u8::is_ascii_digit) {
                    pos += 1;
                }
                if pos == frac_start {
                    return Err(err("at least one digit must follow the decimal separator"));
                }
                fraction = Some((frac_start as u32, pos as u32));
            }
            let unit = match (in_time, bytes.get(pos)) {
                (false, Some(b'Y')) => YEARS,
                (false, Some(b'M')) => MONTHS,
                (false, Some(b'W')) => WEEKS,
                (false, Some(b'D')) => DAYS,
                (true, Some(b'H')) => HOURS,
                (true, Some(b'M')) => MINUTES,
                (true, Some(b'S')) => SECONDS,
                (false, Some(b'H' | b'S')) => return Err(err("hours and seconds must follow 'T'")),
                (true, Some(b'Y' | b'W' | b'D')) => {
                    return Err(err("years, weeks and days must come before 'T'"))
                }
                (_, None) => return Err(err("number without a unit designator")),
                (_, Some(_)) => {
                    return Err(err(
                        "unknown unit designator (expected Y, M, W, D, H, M or S)",
                    ))
                }
            };
            if unit < next_unit {
                return Err(err("units repeated or out of order (P…Y…M…D T…H…M…S)"));
            }
            next_unit = unit + 1;
            parts[unit] = Some(value);
            if fraction.is_some() {
                fraction_unit = unit as u8;
            }
            if in_time {
                time_components += 1;
            }
            pos += 1;
        }
        if parts.iter().all(Option::is_none) {
            return Err(err("at least one component is required"));
        }
        if in_time && time_components == 0 {
            return Err(err("'T' must be followed by at least one of H, M, S"));
        }
        if parts[WEEKS].is_some() && parts.iter().filter(|p| p.is_some()).count() > 1 {
            return Err(err("weeks (W) cannot be combined with other units"));
        }
        Ok(Duration {
            text: s.into(),
            parts,
            fraction,
            fraction_unit,
        })
    }
}

crate::string_serde!(Duration, "an ISO 8601 duration string such as \"PT1H30M\"");

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration as Std;

    #[test]
    fn round_trips() {
        for text in [
            "P1Y",
            "P1M",
            "P1D",
            "P1W",
            "PT1H",
            "PT1M",
            "PT1S",
            "P1Y2M3DT4H5M6S",
            "P1Y2D",
            "PT1H5S",
            "P1YT1S",
            "PT0S",
            "P0D",
            "PT1.5S",
            "PT1,5S",
            "P0.5Y",
            "P1.25W",
            "P007D",
            "PT36H",
            "P1DT12H",
            "PT0.000000001S",
        ] {
            let json = format!("\"{text}\"");
            let d: Duration = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(serde_json::to_string(&d).unwrap(), json);
            assert_eq!(d.to_string(), text);
        }
    }

    #[test]
    fn rejects() {
        for bad in [
            "",
            "P",
            "PT",
            "P1DT",
            "1 hour",
            "-P1D",
            "+P1D",
            "p1d",
            "P1d",
            "PT1h",
            "P1H",
            "PT1D",
            "P1S",
            "P1M1Y",
            "PT1S1M",
            "P1D1D",
            "PT1M1M",
            "P1W1D",
            "P1Y1W",
            "PT1HT1M",
            "P1.5Y2M",
            "PT1.5H30M",
            "P1",
            "PD",
            "P.5D",
            "P1.D",
            "P1.5",
            "P 1D",
            "P1D ",
            " P1D",
            "PT1H ",
            "P1X",
            "P99999999999999999999D",
            "PT1.5S2",
            "P1DT1H1M1S1",
            "P١D",
        ] {
            let e = bad.parse::<Duration>().unwrap_err();
            assert!(e.to_string().contains(&format!("{bad:?}")), "{e}");
        }
        assert!(serde_json::from_str::<Duration>("3600").is_err());
    }

    #[test]
    fn accessors() {
        let d: Duration = "P1Y2M3DT4H5M6.5S".parse().unwrap();
        assert_eq!(
            (
                d.years(),
                d.months(),
                d.weeks(),
                d.days(),
                d.hours(),
                d.minutes()
            ),
            (Some(1), Some(2), None, Some(3), Some(4), Some(5))
        );
        assert_eq!(d.seconds(), Some(6.5));
        assert_eq!(d.fraction(), Some("5"));
        assert_eq!(d.to_std(), None);
        let d: Duration = "P2W".parse().unwrap();
        assert_eq!(d.to_std(), Some(Std::from_secs(14 * 86_400)));
        let d: Duration = "PT1.5H".parse().unwrap();
        assert_eq!(d.seconds(), None);
        assert_eq!(d.to_std(), Some(Std::from_secs(5400)));
        let d: Duration = "P0.5W".parse().unwrap();
        assert_eq!(d.to_std(), Some(Std::from_secs(302_400)));
        let d: Duration = "PT0.123456789999S".parse().unwrap();
        assert_eq!(d.to_std(), Some(Std::new(0, 123_456_789)));
        let d: Duration = "PT18446744073709551615H".parse().unwrap();
        assert_eq!(d.to_std(), None);
        let d: Duration = "PT18446744073709551615S".parse().unwrap();
        assert_eq!(d.to_std(), Some(Std::from_secs(u64::MAX)));
        assert_ne!(
            "PT1,5S".parse::<Duration>().unwrap(),
            "PT1.5S".parse::<Duration>().unwrap()
        );
    }
}
