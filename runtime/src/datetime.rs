//! JSON Structure `datetime`, `date` and `time`: strict RFC 3339 parsing with
//! byte-exact re-formatting and no allocation.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::str::FromStr;

use chrono::{Datelike, FixedOffset, NaiveDate, NaiveTime, TimeZone, Timelike};

use crate::ParseError;

const NANOS_PER_SEC: u32 = 1_000_000_000;

/// How an offset was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum OffsetStyle {
    /// `Z`
    UpperZ,
    /// `z`
    LowerZ,
    /// `±hh:mm` (a zero offset as `+00:00`)
    Numeric,
    /// `-00:00` (RFC 3339 "unknown local offset")
    NegativeZero,
}

/// Reads exactly `n` ASCII digits at `pos`.
fn digits(bytes: &[u8], pos: usize, n: usize) -> Option<u32> {
    let slice = bytes.get(pos..pos.checked_add(n)?)?;
    slice.iter().try_fold(0u32, |acc, &b| {
        b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
    })
}

fn expect_byte(bytes: &[u8], pos: usize, byte: u8) -> bool {
    bytes.get(pos) == Some(&byte)
}

/// Parses `YYYY-MM-DD` at the start of `bytes`.
fn parse_date(bytes: &[u8]) -> Result<NaiveDate, &'static str> {
    let (Some(y), true, Some(m), true, Some(d)) = (
        digits(bytes, 0, 4),
        expect_byte(bytes, 4, b'-'),
        digits(bytes, 5, 2),
        expect_byte(bytes, 7, b'-'),
        digits(bytes, 8, 2),
    ) else {
        return Err("expected a date of the form YYYY-MM-DD (4-digit year, 2-digit month and day)");
    };
    if !(1..=12).contains(&m) {
        return Err("month must be 01 to 12");
    }
    // `y` has at most 4 digits, so the cast is lossless.
    NaiveDate::from_ymd_opt(y as i32, m, d).ok_or("day does not exist in that month")
}

/// A parsed `HH:MM:SS[.frac]`.
struct TimeParts {
    time: NaiveTime,
    frac_digits: u8,
    end: usize,
}

/// Parses `HH:MM:SS[.frac]` at `pos`. Second 60 (a leap second) is accepted
/// and stored in chrono's leap-second representation.
fn parse_time(bytes: &[u8], pos: usize) -> Result<TimeParts, &'static str> {
    let (Some(h), true, Some(mi), true, Some(s)) = (
        digits(bytes, pos, 2),
        expect_byte(bytes, pos + 2, b':'),
        digits(bytes, pos + 3, 2),
        expect_byte(bytes, pos + 5, b':'),
        digits(bytes, pos + 6, 2),
    ) else {
        return Err("expected a time of the form HH:MM:SS (seconds are required)");
    };
    if h > 23 {
        return Err("hour must be 00 to 23");
    }
    if mi > 59 {
        return Err("minute must be 00 to 59");
    }
    if s > 60 {
        return Err("second must be 00 to 60");
    }
    let mut end = pos + 8;
    let mut nanos = 0u32;
    let mut frac_digits = 0usize;
    if expect_byte(bytes, end, b'.') {
        end += 1;
        let start = end;
        while let Some(&b) = bytes.get(end).filter(|b| b.is_ascii_digit()) {
            let idx = end - start;
            if idx < 9 {
                nanos = nanos * 10 + u32::from(b - b'0');
            } else if b != b'0' {
                return Err("more than 9 significant fraction digits (below a nanosecond) cannot be represented");
            }
            end += 1;
        }
        frac_digits = end - start;
        if frac_digits == 0 {
            return Err("at least one digit must follow the decimal point");
        }
        if frac_digits > usize::from(u8::MAX) {
            return Err("fraction longer than 255 digits");
        }
        for _ in frac_digits..9 {
            nanos *= 10;
        }
    } else if expect_byte(bytes, end, b',') {
        return Err("the fraction separator must be '.'");
    }
    let (s, nanos) = if s == 60 {
        (59, nanos + NANOS_PER_SEC)
    } else {
        (s, nanos)
    };
    let time = NaiveTime::from_hms_nano_opt(h, mi, s, nanos).ok_or("invalid time of day")?;
    Ok(TimeParts {
        time,
        frac_digits: frac_digits as u8,
        end,
    })
}

/// Parses `Z`, `z` or `±hh:mm` at `pos`, which must end the input.
fn parse_offset(bytes: &[u8], pos: usize) -> Result<(FixedOffset, OffsetStyle), &'static str> {
    let rest = bytes.get(pos..).unwrap_or_default();
    let utc = FixedOffset::east_opt(0).ok_or("invalid offset")?;
    match rest {
        [b'Z'] => return Ok((utc, OffsetStyle::UpperZ)),
        [b'z'] => return Ok((utc, OffsetStyle::LowerZ)),
        [] => return Err("missing offset (Z or ±hh:mm)"),
        _ => {}
    }
    let sign = match rest[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return Err("unexpected text where the offset (Z or ±hh:mm) belongs"),
    };
    let (Some(h), true, Some(m), 6) = (
        digits(rest, 1, 2),
        expect_byte(rest, 3, b':'),
        digits(rest, 4, 2),
        rest.len(),
    ) else {
        return Err("offset must be Z or ±hh:mm and end the text");
    };
    if h > 23 {
        return Err("offset hours must be 00 to 23");
    }
    if m > 59 {
        return Err("offset minutes must be 00 to 59");
    }
    let secs = sign * (h * 3600 + m * 60) as i32;
    let offset = FixedOffset::east_opt(secs).ok_or("invalid offset")?;
    let style = if secs == 0 && sign < 0 {
        OffsetStyle::NegativeZero
    } else {
        OffsetStyle::Numeric
    };
    Ok((offset, style))
}

fn write_year(f: &mut fmt::Formatter<'_>, year: i32) -> fmt::Result {
    if (0..=9999).contains(&year) {
        write!(f, "{year:04}")
    } else {
        // Not representable in RFC 3339; ISO 8601 expanded form.
        write!(f, "{year:+05}")
    }
}

fn write_date(f: &mut fmt::Formatter<'_>, date: NaiveDate) -> fmt::Result {
    write_year(f, date.year())?;
    write!(f, "-{:02}-{:02}", date.month(), date.day())
}

fn write_time(f: &mut fmt::Formatter<'_>, time: NaiveTime, frac_digits: u8) -> fmt::Result {
    let nanos = time.nanosecond();
    let leap = u32::from(nanos >= NANOS_PER_SEC);
    write!(
        f,
        "{:02}:{:02}:{:02}",
        time.hour(),
        time.minute(),
        time.second() + leap
    )?;
    if frac_digits > 0 {
        let nanos = nanos % NANOS_PER_SEC;
        let shown = usize::from(frac_digits).min(9);
        let value = nanos / 10u32.pow(9 - shown as u32);
        write!(f, ".{value:0shown$}")?;
        for _ in 9..frac_digits {
            f.write_str("0")?;
        }
    }
    Ok(())
}

fn write_offset(
    f: &mut fmt::Formatter<'_>,
    offset: FixedOffset,
    style: OffsetStyle,
) -> fmt::Result {
    match style {
        OffsetStyle::UpperZ => f.write_str("Z"),
        OffsetStyle::LowerZ => f.write_str("z"),
        OffsetStyle::NegativeZero => f.write_str("-00:00"),
        OffsetStyle::Numeric => {
            let secs = offset.local_minus_utc();
            let sign = if secs < 0 { '-' } else { '+' };
            let mins = secs.unsigned_abs() / 60;
            write!(f, "{sign}{:02}:{:02}", mins / 60, mins % 60)
        }
    }
}

/// Fraction digits chrono-derived values are written with: none, or the
/// shortest of 3, 6, 9 that is exact.
fn canonical_frac_digits(nanos: u32) -> u8 {
    let nanos = nanos % NANOS_PER_SEC;
    if nanos == 0 {
        0
    } else if nanos % 1_000_000 == 0 {
        3
    } else if nanos % 1_000 == 0 {
        6
    } else {
        9
    }
}

// ---------------------------------------------------------------------------
// DateTime
// ---------------------------------------------------------------------------

/// A JSON Structure `datetime`: an RFC 3339 `date-time` that is written back
/// exactly as it was read.
///
/// Accepted: `YYYY-MM-DD`, `T` or `t`, `HH:MM:SS`, an optional `.` fraction
/// of any length, and a mandatory offset `Z`, `z` or `±hh:mm` (hours ≤ 23).
/// Rejected: a space separator, a missing offset, calendar-invalid dates
/// (`2023-02-29`), hour > 23, minute > 59, second > 60. Second `60` is
/// accepted as a leap second in any minute (no leap-second table is
/// consulted) and stored in chrono's leap-second representation. Fraction
/// digits beyond the ninth must be zeros (sub-nanosecond precision cannot
/// be stored and is rejected rather than dropped).
///
/// Only the parsed `chrono::DateTime<FixedOffset>` and three formatting
/// facts (separator case, how the offset was spelled — `Z`, `z`, `+00:00`,
/// `-00:00` — and the fraction length) are kept, so parsing does not
/// allocate. Equality and hashing are by exact text: same instant, same
/// offset, same spelling. Compare instants with [`as_chrono`](Self::as_chrono)
/// (or `PartialEq<chrono::DateTime<FixedOffset>>`, which compares instant and
/// offset).
///
/// ```
/// use json_structure_runtime::DateTime;
///
/// let dt: DateTime = "2024-05-01t12:30:00.50-00:00".parse().unwrap();
/// assert_eq!(dt.to_string(), "2024-05-01t12:30:00.50-00:00");
/// assert_eq!(dt.offset().local_minus_utc(), 0);
/// assert!("2024-05-01 12:30:00Z".parse::<DateTime>().is_err());
/// ```
#[derive(Clone, Copy, Debug)]
pub struct DateTime {
    value: chrono::DateTime<FixedOffset>,
    lower_t: bool,
    offset_style: OffsetStyle,
    frac_digits: u8,
}

impl DateTime {
    /// The parsed chrono value.
    ///
    /// ```
    /// use chrono::Timelike;
    /// let dt: json_structure_runtime::DateTime = "2024-01-02T03:04:05+01:00".parse().unwrap();
    /// assert_eq!(dt.as_chrono().hour(), 3);
    /// ```
    pub fn as_chrono(&self) -> &chrono::DateTime<FixedOffset> {
        &self.value
    }
}

impl Deref for DateTime {
    type Target = chrono::DateTime<FixedOffset>;

    fn deref(&self) -> &Self::Target {
        &self.value
    }
}

impl From<chrono::DateTime<FixedOffset>> for DateTime {
    /// Canonical form: `T`, `Z` for a zero offset, fraction digits only for
    /// non-zero nanoseconds (the shortest exact of 3, 6 or 9). An offset
    /// with a seconds part (not expressible in RFC 3339) is converted to
    /// `Z` (same instant). Years outside 0000–9999 are written in ISO 8601
    /// expanded form, which the strict parser does not read back.
    ///
    /// ```
    /// use json_structure_runtime::DateTime;
    ///
    /// let c = chrono::DateTime::parse_from_rfc3339("2024-01-02T03:04:05.120+00:00").unwrap();
    /// assert_eq!(DateTime::from(c).to_string(), "2024-01-02T03:04:05.120Z");
    /// ```
    fn from(value: chrono::DateTime<FixedOffset>) -> Self {
        let value = if value.offset().local_minus_utc() % 60 == 0 {
            value
        } else {
            value.with_timezone(&FixedOffset::east_opt(0).unwrap_or(*value.offset()))
        };
        let offset_style = if value.offset().local_minus_utc() == 0 {
            OffsetStyle::UpperZ
        } else {
            OffsetStyle::Numeric
        };
        DateTime {
            value,
            lower_t: false,
            offset_style,
            frac_digits: canonical_frac_digits(value.nanosecond()),
        }
    }
}

impl PartialEq for DateTime {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
            && self.value.offset() == other.value.offset()
            && self.lower_t == other.lower_t
            && self.offset_style == other.offset_style
            && self.frac_digits == other.frac_digits
    }
}

impl Eq for DateTime {}

impl Hash for DateTime {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.value.naive_utc().hash(state);
        self.value.offset().local_minus_utc().hash(state);
        self.lower_t.hash(state);
        self.offset_style.hash(state);
        self.frac_digits.hash(state);
    }
}

impl PartialEq<chrono::DateTime<FixedOffset>> for DateTime {
    /// Same instant and same offset (the spelling is ignored).
    ///
    /// ```
    /// let dt: json_structure_runtime::DateTime = "2024-01-02T03:04:05z".parse().unwrap();
    /// let c = chrono::DateTime::parse_from_rfc3339("2024-01-02T03:04:05+00:00").unwrap();
    /// assert!(dt == c);
    /// ```
    fn eq(&self, other: &chrono::DateTime<FixedOffset>) -> bool {
        self.value == *other && self.value.offset() == other.offset()
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let local = self.value.naive_local();
        write_date(f, local.date())?;
        f.write_str(if self.lower_t { "t" } else { "T" })?;
        write_time(f, local.time(), self.frac_digits)?;
        write_offset(f, *self.value.offset(), self.offset_style)
    }
}

impl FromStr for DateTime {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, ParseError> {
        let err = |reason: &'static str| ParseError::new("RFC 3339 date-time", s, reason);
        let bytes = s.as_bytes();
        let date = parse_date(bytes).map_err(err)?;
        let lower_t = match bytes.get(10) {
            Some(b'T') => false,
            Some(b't') => true,
            Some(b' ') => {
                return Err(err(
                    "the date and time must be separated by 'T', not a space",
                ))
            }
            _ => return Err(err("expected 'T' after the date")),
        };
        let time = parse_time(bytes, 11).map_err(err)?;
        let (offset, offset_style) = parse_offset(bytes, time.end).map_err(err)?;
        let value = offset
            .from_local_datetime(&date.and_time(time.time))
            .single()
            .ok_or_else(|| err("date-time out of range"))?;
        Ok(DateTime {
            value,
            lower_t,
            offset_style,
            frac_digits: time.frac_digits,
        })
    }
}

crate::string_serde!(
    DateTime,
    "an RFC 3339 date-time string such as \"2024-05-01T12:30:00Z\""
);

// ---------------------------------------------------------------------------
// Date
// ---------------------------------------------------------------------------

/// A JSON Structure `date`: RFC 3339 `full-date`, exactly `YYYY-MM-DD`
/// (4-digit year), calendar-valid.
///
/// The text is fully determined by the date, so only the `NaiveDate` is
/// stored; equality is by date (= by text).
///
/// ```
/// use json_structure_runtime::Date;
/// use chrono::Datelike;
///
/// let d: Date = "2024-02-29".parse().unwrap();
/// assert_eq!(d.month(), 2);
/// assert!("2023-02-29".parse::<Date>().is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date(NaiveDate);

impl Deref for Date {
    type Target = NaiveDate;

    fn deref(&self) -> &NaiveDate {
        &self.0
    }
}

impl From<NaiveDate> for Date {
    /// Wraps a date; years outside 0000–9999 are written in ISO 8601
    /// expanded form, which the strict parser does not read back.
    ///
    /// ```
    /// use json_structure_runtime::Date;
    /// let d = Date::from(chrono::NaiveDate::from_ymd_opt(2024, 1, 5).unwrap());
    /// assert_eq!(d.to_string(), "2024-01-05");
    /// ```
    fn from(value: NaiveDate) -> Self {
        Date(value)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_date(f, self.0)
    }
}

impl FromStr for Date {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, ParseError> {
        let err = |reason: &'static str| ParseError::new("RFC 3339 date", s, reason);
        let date = parse_date(s.as_bytes()).map_err(err)?;
        if s.len() != 10 {
            return Err(err("unexpected text after YYYY-MM-DD"));
        }
        Ok(Date(date))
    }
}

crate::string_serde!(Date, "a date string such as \"2024-05-01\"");

// ---------------------------------------------------------------------------
// Time
// ---------------------------------------------------------------------------

/// A JSON Structure `time`: `HH:MM:SS[.frac][Z|z|±HH:MM]`, written back
/// exactly as read.
///
/// The offset is optional (draft -04 says RFC 3339 `full-time`, which has
/// one, but the published samples omit it). Seconds are required: `09:00`
/// and `9:00 AM` are rejected. Second `60` is accepted as a leap second;
/// fraction digits beyond the ninth must be zeros. Only the `NaiveTime`,
/// the optional offset and the formatting facts are stored (no
/// allocation); equality and hashing are by exact text.
///
/// ```
/// use json_structure_runtime::Time;
///
/// let t: Time = "09:00:00".parse().unwrap();
/// assert_eq!(t.offset(), None);
/// let t: Time = "23:59:59.250+05:30".parse().unwrap();
/// assert_eq!(t.offset().unwrap().local_minus_utc(), 19800);
/// assert_eq!(t.to_string(), "23:59:59.250+05:30");
/// assert!("09:00".parse::<Time>().is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Time {
    time: NaiveTime,
    offset: Option<FixedOffset>,
    /// Meaningful only when `offset` is `Some`; `Numeric` otherwise.
    offset_style: OffsetStyle,
    frac_digits: u8,
}

impl Time {
    /// The time of day (a leap second has nanoseconds ≥ 1 000 000 000, as
    /// in chrono).
    ///
    /// ```
    /// use chrono::Timelike;
    /// let t: json_structure_runtime::Time = "10:20:30Z".parse().unwrap();
    /// assert_eq!(t.time().minute(), 20);
    /// ```
    pub fn time(&self) -> NaiveTime {
        self.time
    }

    /// The offset, if one was written.
    ///
    /// ```
    /// let t: json_structure_runtime::Time = "10:20:30-02:00".parse().unwrap();
    /// assert_eq!(t.offset().map(|o| o.local_minus_utc()), Some(-7200));
    /// ```
    pub fn offset(&self) -> Option<FixedOffset> {
        self.offset
    }
}

impl From<NaiveTime> for Time {
    /// A time without offset; fraction digits only for non-zero
    /// nanoseconds (the shortest exact of 3, 6 or 9).
    ///
    /// ```
    /// use json_structure_runtime::Time;
    /// let t = Time::from(chrono::NaiveTime::from_hms_milli_opt(8, 5, 0, 500).unwrap());
    /// assert_eq!(t.to_string(), "08:05:00.500");
    /// ```
    fn from(time: NaiveTime) -> Self {
        Time {
            time,
            offset: None,
            offset_style: OffsetStyle::Numeric,
            frac_digits: canonical_frac_digits(time.nanosecond()),
        }
    }
}

impl fmt::Display for Time {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_time(f, self.time, self.frac_digits)?;
        match self.offset {
            Some(offset) => write_offset(f, offset, self.offset_style),
            None => Ok(()),
        }
    }
}

impl FromStr for Time {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, ParseError> {
        let err = |reason: &'static str| ParseError::new("time", s, reason);
        let bytes = s.as_bytes();
        let parts = parse_time(bytes, 0).map_err(err)?;
        let (offset, offset_style) = if parts.end == bytes.len() {
            (None, OffsetStyle::Numeric)
        } else {
            let (offset, style) = parse_offset(bytes, parts.end).map_err(err)?;
            (Some(offset), style)
        };
        Ok(Time {
            time: parts.time,
            offset,
            offset_style,
            frac_digits: parts.frac_digits,
        })
    }
}

crate::string_serde!(Time, "a time string such as \"09:30:00\"");

#[cfg(test)]
mod tests {
    use super::*;

    fn json_round_trip<T>(text: &str)
    where
        T: serde::Serialize + serde::de::DeserializeOwned + fmt::Display,
    {
        let json = format!("\"{text}\"");
        let v: T = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(serde_json::to_string(&v).unwrap(), json);
        assert_eq!(v.to_string(), text);
    }

    #[test]
    fn datetime_round_trips() {
        for text in [
            "2024-05-01T12:30:00Z",
            "2024-05-01t12:30:00z",
            "2024-05-01T12:30:00+00:00",
            "2024-05-01T12:30:00-00:00",
            "2024-05-01T12:30:00.5+05:30",
            "2024-05-01T12:30:00.500-08:00",
            "2024-05-01T12:30:00.000000000Z",
            "2024-05-01T12:30:00.123456789Z",
            "2024-05-01T12:30:00.1234567890000Z",
            "2016-12-31T23:59:60Z",
            "2016-12-31T23:59:60.25+23:59",
            "0000-01-01T00:00:00+01:00",
            "9999-12-31T23:59:59-23:59",
            "2024-02-29T00:00:00Z",
        ] {
            json_round_trip::<DateTime>(text);
        }
    }

    #[test]
    fn datetime_rejects() {
        for bad in [
            "",
            "2024-05-01",
            "2024-05-01 12:30:00Z",
            "2024-05-01T12:30:00",
            "2024-05-01T12:30Z",
            "2024-05-01T24:00:00Z",
            "2024-05-01T12:60:00Z",
            "2024-05-01T12:30:61Z",
            "2023-02-29T00:00:00Z",
            "2024-13-01T00:00:00Z",
            "2024-00-01T00:00:00Z",
            "2024-04-31T00:00:00Z",
            "2024-05-01T12:30:00+24:00",
            "2024-05-01T12:30:00+05:60",
            "2024-05-01T12:30:00+0530",
            "2024-05-01T12:30:00+05",
            "2024-05-01T12:30:00.Z",
            "2024-05-01T12:30:00,5Z",
            "2024-05-01T12:30:00.1234567891Z",
            "2024-05-01T12:30:00ZZ",
            "2024-05-01T12:30:00Z ",
            " 2024-05-01T12:30:00Z",
            "24-05-01T12:30:00Z",
            "+2024-05-01T12:30:00Z",
            "2024-5-01T12:30:00Z",
            "2024-05-01T1:30:00Z",
            "2024-05-01T12:30:00UTC",
        ] {
            let e = bad.parse::<DateTime>().unwrap_err();
            assert!(e.to_string().contains(&format!("{bad:?}")), "{e}");
        }
        assert!(serde_json::from_str::<DateTime>("1714566600").is_err());
    }

    #[test]
    fn datetime_equality_and_chrono() {
        let a: DateTime = "2024-01-01T10:00:00+01:00".parse().unwrap();
        let b: DateTime = "2024-01-01T11:00:00+02:00".parse().unwrap();
        let c: DateTime = "2024-01-01T10:00:00+01:00".parse().unwrap();
        assert_ne!(a, b);
        assert_eq!(a, c);
        assert_eq!(a.as_chrono(), b.as_chrono());
        assert!(a == *a.as_chrono());
        assert!(a != *b.as_chrono());
        let z: DateTime = "2024-01-01T09:00:00Z".parse().unwrap();
        let z2: DateTime = "2024-01-01T09:00:00+00:00".parse().unwrap();
        assert_ne!(z, z2);
        assert!(z == *z2.as_chrono());
        assert_eq!(a.offset().local_minus_utc(), 3600);
        let leap: DateTime = "2016-12-31T23:59:60.5Z".parse().unwrap();
        assert_eq!(leap.nanosecond(), 1_500_000_000);
    }

    #[test]
    fn datetime_from_chrono() {
        let c = |s| chrono::DateTime::parse_from_rfc3339(s).unwrap();
        for (input, expected) in [
            ("2024-01-01T10:00:00+00:00", "2024-01-01T10:00:00Z"),
            (
                "2024-01-01T10:00:00.1+02:00",
                "2024-01-01T10:00:00.100+02:00",
            ),
            (
                "2024-01-01T10:00:00.0001-02:30",
                "2024-01-01T10:00:00.000100-02:30",
            ),
            (
                "2024-01-01T10:00:00.000000001Z",
                "2024-01-01T10:00:00.000000001Z",
            ),
        ] {
            let dt = DateTime::from(c(input));
            assert_eq!(dt.to_string(), expected);
            assert_eq!(expected.parse::<DateTime>().unwrap(), dt);
        }
        let odd = FixedOffset::east_opt(3601).unwrap();
        let v = odd.with_ymd_and_hms(2024, 1, 1, 1, 0, 1).unwrap();
        assert_eq!(DateTime::from(v).to_string(), "2024-01-01T00:00:00Z");
    }

    #[test]
    fn date_round_trips_and_rejects() {
        for text in ["2024-02-29", "0000-01-01", "9999-12-31", "2023-12-31"] {
            json_round_trip::<Date>(text);
        }
        for bad in [
            "",
            "2023-02-29",
            "2024-2-29",
            "24-02-29",
            "20240229",
            "2024-02-30",
            "2024-13-01",
            "2024-00-10",
            "2024-01-00",
            "2024-01-01T00:00:00Z",
            "2024-01-01 ",
            "+2024-01-01",
            "2024/01/01",
            "١٢٣٤-01-01",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad}");
        }
        let far = Date::from(NaiveDate::from_ymd_opt(12345, 1, 1).unwrap());
        assert_eq!(far.to_string(), "+12345-01-01");
        let neg = Date::from(NaiveDate::from_ymd_opt(-1, 1, 1).unwrap());
        assert_eq!(neg.to_string(), "-0001-01-01");
    }

    #[test]
    fn time_round_trips_and_rejects() {
        for text in [
            "09:00:00",
            "00:00:00.0",
            "23:59:59.999999999",
            "23:59:60",
            "12:00:00Z",
            "12:00:00z",
            "12:00:00+00:00",
            "12:00:00-00:00",
            "12:00:00.10-05:00",
        ] {
            json_round_trip::<Time>(text);
        }
        for bad in [
            "",
            "09:00",
            "9:00 AM",
            "9:00:00",
            "09:00:00 ",
            "24:00:00",
            "12:60:00",
            "12:00:61",
            "12:00:00.",
            "12:00:00+1",
            "12:00:00+01",
            "12:00:00+01:00 ",
            "12:00:00 Z",
            "T12:00:00",
            "12:00:00.0000000001",
        ] {
            assert!(bad.parse::<Time>().is_err(), "{bad}");
        }
        let a: Time = "12:00:00Z".parse().unwrap();
        let b: Time = "12:00:00+00:00".parse().unwrap();
        assert_ne!(a, b);
        assert_eq!(a.offset(), b.offset());
    }
}
