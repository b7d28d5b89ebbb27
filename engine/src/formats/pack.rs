//! The rules in a compact binary form, for the app: the build checks the TOML file and packs
//! it (`Rules::pack`); the browser unpacks it (`Rules::unpack`) without a TOML parser. Unpacking
//! never trusts the bytes: a truncated or damaged pack is an error, never a panic or a rule
//! that points at a question that does not exist (docs/decisions/006-packed-rules.md).
//!
//! The layout is the struct fields in order: numbers as LEB128 varints, strings and lists
//! with their length first, options and booleans as one byte. A pack starts with `SHRB` and a
//! format number, which changes whenever the layout does, and ends with a checksum of all
//! before it (FNV-1a, 64 bits, little-endian), so that a file damaged or cut short in transit
//! is refused as such before it is read.

use crate::model::condition::Condition;
use crate::model::rules::{is_official_url, is_plain_email, is_plain_phone};
use crate::model::rules::{
    AnswerOption, Conditional, Contact, Criterion, Date, Fallback, Meta, Program, Question, Rules,
    RulesError, Source, StartingPoint, MAX_OPTIONS,
};
use crate::model::text::{Lang, Text};

const MAGIC: &[u8; 4] = b"SHRB";
const FORMAT: u8 = 5;
/// The checksum's length at the end of a pack.
const CHECKSUM: usize = 8;

/// FNV-1a, 64 bits.
fn checksum(bytes: &[u8]) -> u64 {
    (bytes.iter()).fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Why a pack could not be read: what was expected, and where.
#[derive(Debug)]
struct Damaged {
    what: &'static str,
    at: usize,
}

/// The bytes still to read.
struct Input<'b> {
    bytes: &'b [u8],
    at: usize,
}

impl<'b> Input<'b> {
    fn damaged(&self, what: &'static str) -> Damaged {
        Damaged { what, at: self.at }
    }

    fn take(&mut self, n: usize, what: &'static str) -> Result<&'b [u8], Damaged> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or_else(|| self.damaged(what))?;
        let taken = &self.bytes[self.at..end];
        self.at = end;
        Ok(taken)
    }

    fn byte(&mut self, what: &'static str) -> Result<u8, Damaged> {
        Ok(self.take(1, what)?[0])
    }

    fn varint(&mut self) -> Result<u64, Damaged> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte("a number")?;
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(self.damaged("a number of at most 64 bits"))
    }

    fn remaining(&self) -> usize {
        self.bytes.len() - self.at
    }
}

/// A value that can be written to and read from a pack.
trait Pack: Sized {
    fn pack(&self, out: &mut Vec<u8>);
    fn unpack(input: &mut Input<'_>) -> Result<Self, Damaged>;
}

fn put_varint(mut value: u64, out: &mut Vec<u8>) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

impl Pack for u64 {
    fn pack(&self, out: &mut Vec<u8>) {
        put_varint(*self, out);
    }
    fn unpack(input: &mut Input<'_>) -> Result<Self, Damaged> {
        input.varint()
    }
}

/// Unsigned numbers narrower than 64 bits, stored as varints and range-checked when read.
macro_rules! packed_number {
    ($($type:ty),*) => {$(
        impl Pack for $type {
            fn pack(&self, out: &mut Vec<u8>) {
                put_varint(*self as u64, out);
            }
            fn unpack(input: &mut Input<'_>) -> Result<Self, Damaged> {
                let value = input.varint()?;
                <$type>::try_from(value).map_err(|_| input.damaged(stringify!(a $type)))
            }
        }
    )*};
}
packed_number!(usize, u16, u8);

impl Pack for Lang {
    fn pack(&self, out: &mut Vec<u8>) {
        out.push(match self {
            Lang::Ja => 0,
            Lang::En => 1,
        });
    }
    fn unpack(input: &mut Input<'_>) -> Result<Self, Damaged> {
        match input.byte("a language")? {
            0 => Ok(Lang::Ja),
            1 => Ok(Lang::En),
            _ => Err(input.damaged("a language")),
        }
    }
}

impl Pack for bool {
    fn pack(&self, out: &mut Vec<u8>) {
        out.push(u8::from(*self));
    }
    fn unpack(input: &mut Input<'_>) -> Result<Self, Damaged> {
        match input.byte("a yes or no")? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(input.damaged("a yes or no")),
        }
    }
}

impl Pack for String {
    fn pack(&self, out: &mut Vec<u8>) {
        self.len().pack(out);
        out.extend_from_slice(self.as_bytes());
    }
    fn unpack(input: &mut Input<'_>) -> Result<Self, Damaged> {
        let len = usize::unpack(input)?;
        let bytes = input.take(len, "a text")?;
        let text = std::str::from_utf8(bytes).map_err(|_| input.damaged("UTF-8 text"))?;
        Ok(text.to_owned())
    }
}

impl<T: Pack> Pack for Vec<T> {
    fn pack(&self, out: &mut Vec<u8>) {
        self.len().pack(out);
        self.iter().for_each(|item| item.pack(out));
    }
    fn unpack(input: &mut Input<'_>) -> Result<Self, Damaged> {
        let len = usize::unpack(input)?;
        // Every item takes a byte at least: a damaged length cannot reserve more than that.
        let mut items = Vec::with_capacity(len.min(input.remaining()));
        for _ in 0..len {
            items.push(T::unpack(input)?);
        }
        Ok(items)
    }
}

impl<T: Pack> Pack for Option<T> {
    fn pack(&self, out: &mut Vec<u8>) {
        match self {
            None => out.push(0),
            Some(value) => {
                out.push(1);
                value.pack(out);
            }
        }
    }
    fn unpack(input: &mut Input<'_>) -> Result<Self, Damaged> {
        match bool::unpack(input)? {
            false => Ok(None),
            true => Ok(Some(T::unpack(input)?)),
        }
    }
}

impl Pack for Condition {
    fn pack(&self, out: &mut Vec<u8>) {
        match self {
            Condition::Answer {
                question,
                holds,
                undecided,
            } => {
                out.push(0);
                question.pack(out);
                holds.pack(out);
                undecided.pack(out);
            }
            Condition::All(parts) => {
                out.push(1);
                parts.pack(out);
            }
            Condition::Any(parts) => {
                out.push(2);
                parts.pack(out);
            }
            Condition::Not(part) => {
                out.push(3);
                part.as_ref().pack(out);
            }
        }
    }
    fn unpack(input: &mut Input<'_>) -> Result<Self, Damaged> {
        Ok(match input.byte("a condition")? {
            0 => Condition::Answer {
                question: usize::unpack(input)?,
                holds: u64::unpack(input)?,
                undecided: u64::unpack(input)?,
            },
            1 => Condition::All(Vec::unpack(input)?),
            2 => Condition::Any(Vec::unpack(input)?),
            3 => Condition::Not(Box::new(Condition::unpack(input)?)),
            _ => return Err(input.damaged("a kind of condition")),
        })
    }
}

/// Structs are their fields in order. Every field must be named: a field added to a struct
/// and not here fails to compile.
macro_rules! packed_struct {
    ($($type:ident { $($field:ident),* $(,)? })*) => {$(
        impl Pack for $type {
            fn pack(&self, out: &mut Vec<u8>) {
                $(self.$field.pack(out);)*
            }
            fn unpack(input: &mut Input<'_>) -> Result<Self, Damaged> {
                Ok($type { $($field: Pack::unpack(input)?,)* })
            }
        }
    )*};
}

packed_struct! {
    Text { ja, en }
    Date { year, month, day }
    Source { cite, url }
    Contact { url, url_en, label, email, phone, form, works_in }
    Meta { name, reviewed, source }
    AnswerOption { id, label, unknown, line }
    Question { id, text, hint, multiple, fixed, stages, options, line }
    Criterion { when, reads, yes, no, check, checks, line }
    Conditional { when, text, line }
    Program { id, name, runner, summary, gives, first_step, next_steps, act_at, prepare, ask, contact, sources, reviewed, requires, strengths, notes, line }
    StartingPoint { label, url, when, line }
    Fallback { text, starts }
    Rules { meta, questions, programs, fallback }
}

impl Rules {
    /// The rules packed for the app (see the module's documentation).
    pub fn pack(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.push(FORMAT);
        Pack::pack(self, &mut out);
        let sum = checksum(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    /// The checksum a pack ends with, in hex: it names one exact rules file (for a build's
    /// or a publisher's records).
    pub fn pack_checksum(packed: &[u8]) -> Option<String> {
        let tail = packed.len().checked_sub(CHECKSUM)?;
        let sum: [u8; CHECKSUM] = packed[tail..].try_into().ok()?;
        Some(format!("{:016x}", u64::from_le_bytes(sum)))
    }

    /// Reads rules packed by [`Rules::pack`]. Damaged or truncated bytes, a pack of another
    /// format, and conditions on questions or options that do not exist are errors.
    pub fn unpack(bytes: &[u8]) -> Result<Rules, RulesError> {
        let mut input = Input { bytes, at: 0 };
        let read = (|| {
            if input.take(MAGIC.len(), "the SHRB mark")? != MAGIC {
                return Err(Damaged {
                    what: "the SHRB mark",
                    at: 0,
                });
            }
            if input.byte("the format number")? != FORMAT {
                return Err(Damaged {
                    what: "this version's pack format",
                    at: MAGIC.len(),
                });
            }
            let body = bytes.len().checked_sub(CHECKSUM).filter(|&b| b >= input.at);
            let intact = body.is_some_and(|b| bytes[b..] == checksum(&bytes[..b]).to_le_bytes());
            let Some(body) = body.filter(|_| intact) else {
                return Err(Damaged {
                    what: "a checksum that matches (the file is damaged or incomplete)",
                    at: bytes.len(),
                });
            };
            input.bytes = &bytes[..body];
            let rules = <Rules as Pack>::unpack(&mut input)?;
            if input.remaining() != 0 {
                return Err(input.damaged("the end of the pack"));
            }
            Ok(rules)
        })();
        let rules = read.map_err(|d| {
            RulesError::Syntax(format!(
                "packed rules are damaged: expected {} at byte {}",
                d.what, d.at
            ))
        })?;
        rules.check_unpacked()?;
        Ok(rules)
    }

    /// Every question a condition names exists and has options a mask can hold, and every
    /// link is on an official domain.
    fn check_unpacked(&self) -> Result<(), RulesError> {
        let questions = self.questions.len();
        let bad = |line: usize, message: &str| RulesError::Invalid {
            line,
            message: format!("packed rules: {message}"),
        };
        let links = self.programs.iter().flat_map(|p| {
            let english = p.contact.url_en.iter().chain(p.contact.form.iter());
            let sources = p.sources.iter().filter_map(|s| s.url.as_ref());
            std::iter::once(&p.contact.url)
                .chain(english)
                .chain(sources)
                .map(|url| (p.line, url))
        });
        let starts = self.fallback.starts.iter().map(|s| (s.line, &s.url));
        let meta = self.meta.source.url.iter().map(|url| (0, url));
        for (line, url) in links.chain(starts).chain(meta) {
            if !is_official_url(url) {
                return Err(bad(line, "a link is not on an official domain"));
            }
        }
        for p in &self.programs {
            if p.sources.iter().all(|s| s.url.is_none()) {
                return Err(bad(p.line, "a program has no source with a link"));
            }
            let email = p.contact.email.as_deref().is_none_or(is_plain_email);
            let phone = p.contact.phone.as_deref().is_none_or(is_plain_phone);
            if !(email && phone) {
                return Err(bad(p.line, "a contact e-mail or phone is not plain"));
            }
            if p.contact.works_in.is_empty() || p.ask.is_empty() {
                return Err(bad(
                    p.line,
                    "a program has no office language or no point to raise",
                ));
            }
        }
        for question in &self.questions {
            if question.options.len() < 2 || question.options.len() > MAX_OPTIONS {
                return Err(bad(question.line, "a question needs 2 to 64 options"));
            }
        }
        // The pathway's stages: one single-answer question, holding every stage a program names.
        let mut stages = self.questions.iter().filter(|q| q.stages);
        let (stage_options, unknown) = match (stages.next(), stages.next()) {
            (None, _) => (0, 0),
            (Some(q), None) if !q.multiple => (q.options.len(), q.unknown_mask()),
            (Some(q), _) => {
                return Err(bad(
                    q.line,
                    "the stages of development are not one question",
                ))
            }
        };
        for p in &self.programs {
            let beyond = p.act_at.checked_shr(stage_options as u32).unwrap_or(0);
            if beyond != 0 || p.act_at & unknown != 0 {
                return Err(bad(p.line, "a program acts at a stage that does not exist"));
            }
        }
        let unknown_question = "a condition names a question that does not exist";
        let known = |condition: &Condition| {
            let mut fine = true;
            condition.for_each_answer(&mut |q, _, _| fine &= q < questions);
            fine
        };
        for program in &self.programs {
            for criterion in &program.requires {
                let checks_known = criterion.checks.iter().all(|c| known(&c.when));
                if !known(&criterion.when) || !checks_known {
                    return Err(bad(criterion.line, unknown_question));
                }
                // Whether a requirement can still be decided tries the questions it reads.
                if criterion.reads != criterion.when.questions() {
                    return Err(bad(
                        criterion.line,
                        "a requirement lists other questions than it reads",
                    ));
                }
            }
            for conditional in program.strengths.iter().chain(&program.notes) {
                if !known(&conditional.when) {
                    return Err(bad(conditional.line, unknown_question));
                }
            }
        }
        for start in &self.fallback.starts {
            if start.when.as_ref().is_some_and(|c| !known(c)) {
                return Err(bad(start.line, unknown_question));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing;

    #[test]
    fn the_shipped_rules_come_back_unchanged() {
        let rules = Rules::embedded().unwrap();
        let packed = rules.pack();
        assert_eq!(Rules::unpack(&packed).unwrap(), rules);
        assert!(
            packed.len() < crate::EMBEDDED_RULES.len(),
            "the pack ({} bytes) is smaller than the file",
            packed.len()
        );
    }

    #[test]
    fn truncated_packs_are_errors() {
        let packed = Rules::embedded().unwrap().pack();
        for len in (0..packed.len())
            .step_by(37)
            .chain(packed.len() - 40..packed.len())
        {
            let error = Rules::unpack(&packed[..len]).unwrap_err();
            assert!(error.to_string().contains("packed rules"), "{error}");
        }
        let mut longer = packed.clone();
        longer.push(0);
        assert!(Rules::unpack(&longer)
            .unwrap_err()
            .to_string()
            .contains("damaged or incomplete"));
        // With a checksum that matches, bytes after the rules are still refused.
        let mut padded = packed[..packed.len() - CHECKSUM].to_vec();
        padded.push(0);
        padded.extend_from_slice(&checksum(&padded).to_le_bytes());
        assert!(Rules::unpack(&padded)
            .unwrap_err()
            .to_string()
            .contains("the end of the pack"));
    }

    #[test]
    fn a_pack_ends_with_the_checksum_of_all_before_it() {
        let packed = Rules::embedded().unwrap().pack();
        let body = &packed[..packed.len() - CHECKSUM];
        assert_eq!(
            Rules::pack_checksum(&packed),
            Some(format!("{:016x}", checksum(body)))
        );
        assert_eq!(Rules::pack_checksum(b"short"), None);
        let mut flipped = packed.clone();
        flipped[packed.len() / 2] ^= 1;
        let error = Rules::unpack(&flipped).unwrap_err().to_string();
        assert!(error.contains("damaged or incomplete"), "{error}");
    }

    #[test]
    fn another_format_or_no_mark_is_an_error() {
        let mut packed =
            testing::rules(&testing::requirement(r#"{ q = "b", in = ["one"] }"#)).pack();
        packed[4] = FORMAT + 1;
        assert!(Rules::unpack(&packed)
            .unwrap_err()
            .to_string()
            .contains("this version's pack format"));
        assert!(Rules::unpack(b"not rules")
            .unwrap_err()
            .to_string()
            .contains("SHRB"));
    }

    #[test]
    fn damaged_bytes_are_read_or_refused_but_never_panic() {
        let packed = Rules::embedded().unwrap().pack();
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..3000 {
            let mut damaged = packed.clone();
            for _ in 0..3 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let at = (seed % damaged.len() as u64) as usize;
                damaged[at] = (seed >> 32) as u8;
            }
            // Sealed again, so that the reading of the damaged body is what is tested.
            let body = damaged.len() - CHECKSUM;
            let sum = checksum(&damaged[..body]);
            damaged[body..].copy_from_slice(&sum.to_le_bytes());
            if let Ok(rules) = Rules::unpack(&damaged) {
                // What reads back is usable: evaluating it cannot index out of range.
                let answers = crate::Answers::new(&rules);
                let _ = rules.outcome(&answers);
            }
        }
    }

    #[test]
    fn a_link_off_the_official_domains_is_refused() {
        let mut rules = testing::rules(&testing::requirement(r#"{ q = "b", in = ["one"] }"#));
        rules.fallback.starts[0].url = "https://www.example.com/".into();
        let error = Rules::unpack(&rules.pack()).unwrap_err();
        assert!(
            error.to_string().contains("not on an official domain"),
            "{error}"
        );
    }

    #[test]
    fn a_program_without_a_linked_source_is_refused() {
        let sound = testing::rules(&testing::requirement(r#"{ q = "b", in = ["one"] }"#));
        let mut rules = sound.clone();
        rules.programs[0].sources.clear();
        let error = Rules::unpack(&rules.pack()).unwrap_err();
        assert!(
            error.to_string().contains("no source with a link"),
            "{error}"
        );
        let mut rules = sound;
        rules.programs[0].sources[0].url = None;
        let error = Rules::unpack(&rules.pack()).unwrap_err();
        assert!(
            error.to_string().contains("no source with a link"),
            "{error}"
        );
    }

    #[test]
    fn a_program_acting_at_no_stage_is_refused() {
        // Question a (x, y, "I don't know") as the stages.
        let mut sound = testing::rules(&testing::requirement(r#"{ q = "b", in = ["one"] }"#));
        sound.questions[0].stages = true;
        sound.programs[0].act_at = 0b010;
        assert_eq!(Rules::unpack(&sound.pack()).unwrap(), sound);
        for act_at in [0b100, 0b1000, 1 << 63] {
            let mut rules = sound.clone();
            rules.programs[0].act_at = act_at;
            let error = Rules::unpack(&rules.pack()).unwrap_err();
            assert!(
                error.to_string().contains("stage that does not exist"),
                "{act_at:b}: {error}"
            );
        }
        let mut none = sound.clone();
        none.questions[0].stages = false;
        assert!(
            Rules::unpack(&none.pack()).is_err(),
            "no question of stages"
        );
        let mut two = sound;
        two.questions[1].stages = true;
        assert!(
            Rules::unpack(&two.pack()).is_err(),
            "two questions of stages"
        );
    }

    #[test]
    fn a_condition_on_a_missing_question_is_refused() {
        let mut rules = testing::rules(&testing::requirement(r#"{ q = "b", in = ["one"] }"#));
        let program = rules
            .programs
            .iter_mut()
            .find(|p| !p.requires.is_empty())
            .unwrap();
        program.requires[0].when = Condition::Answer {
            question: 99,
            holds: 1,
            undecided: 0,
        };
        let error = Rules::unpack(&rules.pack()).unwrap_err();
        assert!(error.to_string().contains("does not exist"), "{error}");
    }

    #[test]
    fn a_requirement_listing_other_questions_than_it_reads_is_refused() {
        let sound = testing::rules(&testing::requirement(r#"{ q = "b", in = ["one"] }"#));
        let with_reads = |reads: Vec<usize>| {
            let mut rules = sound.clone();
            let program = (rules.programs.iter_mut())
                .find(|p| !p.requires.is_empty())
                .unwrap();
            program.requires[0].reads = reads;
            Rules::unpack(&rules.pack())
        };
        assert!(with_reads(vec![1]).is_ok(), "b is question 1");
        for wrong in [vec![], vec![0], vec![1, 0]] {
            let error = with_reads(wrong).unwrap_err();
            assert!(error.to_string().contains("other questions"), "{error}");
        }
    }

    #[test]
    fn a_question_with_one_option_is_refused() {
        let mut rules = testing::rules(&testing::requirement(r#"{ q = "b", in = ["one"] }"#));
        rules.questions[1].options.truncate(1);
        let error = Rules::unpack(&rules.pack()).unwrap_err();
        assert!(error.to_string().contains("2 to 64 options"), "{error}");
    }
}
