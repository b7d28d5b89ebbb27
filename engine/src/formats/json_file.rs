//! JSON files as the command-line tool reads them (answers, personas): strictly, since
//! people write them by hand. With the TOML reader, behind the `authoring` feature: the app
//! reads no JSON file.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::formats::excerpt::quoted;

/// Reads a JSON document as people write answers and persona files: a leading byte order mark
/// (Windows Notepad writes one) is skipped, and a key given twice in one object is refused with
/// its line and column, where serde_json alone would keep the last one, as a share link refuses
/// a repeated answer.
pub fn read_json(text: &str) -> Result<Value, serde_json::Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_json::from_str::<Unrepeated>(text).map(|read| read.0)
}

/// A JSON value whose objects repeat no key.
struct Unrepeated(Value);

impl<'de> Deserialize<'de> for Unrepeated {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Unrepeated, D::Error> {
        deserializer
            .deserialize_any(UnrepeatedVisitor)
            .map(Unrepeated)
    }
}

/// Builds the value as serde_json's own does, but checks each object's keys.
struct UnrepeatedVisitor;

impl<'de> Visitor<'de> for UnrepeatedVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(n.into())
    }

    fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
        Ok(n.into())
    }

    fn visit_f64<E>(self, n: f64) -> Result<Value, E> {
        Ok(n.into())
    }

    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_owned()))
    }

    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<Value, A::Error> {
        let mut array = Vec::new();
        while let Some(Unrepeated(item)) = items.next_element()? {
            array.push(item);
        }
        Ok(Value::Array(array))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut entries: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = entries.next_key::<String>()? {
            if object.contains_key(&key) {
                // serde_json adds the line and column, just after the repeated key.
                return Err(de::Error::custom(format_args!(
                    "the key {} appears twice in one object",
                    quoted(&key)
                )));
            }
            let Unrepeated(value) = entries.next_value()?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_refuses_a_key_given_twice_in_one_object() {
        let error = read_json("{\"organisation\": \"startup\",\n \"organisation\": \"academic\"}")
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "the key \"organisation\" appears twice in one object at line 2 column 15"
        );
        assert!(error.is_data());
        // In a nested object too (a persona file's answers), and quoted as an excerpt.
        let key = "k".repeat(1000);
        let nested = format!("{{\"answers\": {{\"{key}\": \"a\", \"{key}\": \"b\"}}}}");
        let message = read_json(&nested).unwrap_err().to_string();
        assert!(message.starts_with("the key \"kkk"), "{message}");
        assert!(
            message.contains("(1000 characters) appears twice"),
            "{message}"
        );
        // The same key in different objects is no repeat.
        let value = read_json(r#"{"a": {"k": 1}, "b": [{"k": true}, {"k": null}], "k": "x"}"#);
        assert_eq!(
            value.unwrap(),
            serde_json::json!({"a": {"k": 1}, "b": [{"k": true}, {"k": null}], "k": "x"})
        );
    }

    #[test]
    fn reading_skips_a_byte_order_mark_and_reads_what_serde_json_reads() {
        let text = r#"{"organisation": "startup", "help": ["funding", "ip"], "n": [1, -2, 3.5, 18446744073709551615]}"#;
        let expected: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(read_json(text).unwrap(), expected);
        assert_eq!(read_json(&format!("\u{feff}{text}")).unwrap(), expected);
        // Only at the start: elsewhere it is a character like any other.
        assert!(read_json(&format!("{text}\u{feff}")).is_err());
        assert!(read_json("{not json").unwrap_err().is_syntax());
    }
}
