//! A reader for the MiniZinc data files of the B2B scheduling benchmark (Bofill et al.,
//! JAIR 2022): `name = value;` items whose values are integers, sets `{1,2}`, arrays
//! `[…]` of either, and two-dimensional arrays `[| a, b | c, d |]`. Only what those files
//! use is read; anything else is an error that names its line.

use std::collections::HashMap;

/// A value of a data item.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Int(i64),
    Set(Vec<i64>),
    Array(Vec<Value>),
    /// Rows of a two-dimensional array.
    Rows(Vec<Vec<i64>>),
}

/// A problem in a data file, with the line it is on (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DznError {
    pub line: usize,
    pub problem: String,
}

impl std::fmt::Display for DznError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.problem)
    }
}

impl std::error::Error for DznError {}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Ident(String),
    Int(i64),
    Punct(char),
    /// `[|` and `|]`, which open and close a two-dimensional array.
    OpenRows,
    CloseRows,
}

fn tokens(text: &str) -> Result<Vec<(Token, usize)>, DznError> {
    let mut out = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line_no = number + 1;
        let line = line.split('%').next().unwrap_or_default();
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c.is_whitespace() {
                i += 1;
            } else if c.is_ascii_digit()
                || (c == '-' && chars.get(i + 1).is_some_and(char::is_ascii_digit))
            {
                let start = i;
                i += 1;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    i += 1;
                }
                let text: String = chars[start..i].iter().collect();
                let n = text.parse().map_err(|_| DznError {
                    line: line_no,
                    problem: format!("number {text} is out of range"),
                })?;
                out.push((Token::Int(n), line_no));
            } else if c.is_ascii_alphabetic() || c == '_' {
                let start = i;
                while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
                out.push((Token::Ident(chars[start..i].iter().collect()), line_no));
            } else if c == '[' && chars.get(i + 1) == Some(&'|') {
                out.push((Token::OpenRows, line_no));
                i += 2;
            } else if c == '|' && chars.get(i + 1) == Some(&']') {
                out.push((Token::CloseRows, line_no));
                i += 2;
            } else if "=;[]{},|".contains(c) {
                out.push((Token::Punct(c), line_no));
                i += 1;
            } else {
                return Err(DznError {
                    line: line_no,
                    problem: format!("unexpected character {c:?}"),
                });
            }
        }
    }
    Ok(out)
}

struct Parser {
    tokens: Vec<(Token, usize)>,
    at: usize,
    last_line: usize,
}

impl Parser {
    fn line(&self) -> usize {
        self.tokens.get(self.at).map_or(self.last_line, |t| t.1)
    }

    fn error<T>(&self, problem: impl Into<String>) -> Result<T, DznError> {
        Err(DznError {
            line: self.line(),
            problem: problem.into(),
        })
    }

    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at).map(|t| &t.0)
    }

    fn next(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.at).map(|t| t.0.clone());
        self.at += 1;
        token
    }

    fn expect(&mut self, c: char) -> Result<(), DznError> {
        match self.peek() {
            Some(Token::Punct(p)) if *p == c => {
                self.at += 1;
                Ok(())
            }
            Some(other) => {
                let other = describe(other);
                self.error(format!("expected '{c}', found {other}"))
            }
            None => self.error(format!("expected '{c}', found the end of the file")),
        }
    }

    fn int(&mut self) -> Result<i64, DznError> {
        match self.peek() {
            Some(Token::Int(n)) => {
                let n = *n;
                self.at += 1;
                Ok(n)
            }
            Some(other) => {
                let other = describe(other);
                self.error(format!("expected a number, found {other}"))
            }
            None => self.error("expected a number, found the end of the file"),
        }
    }

    fn set(&mut self) -> Result<Vec<i64>, DznError> {
        self.expect('{')?;
        let mut items = Vec::new();
        loop {
            if let Some(Token::Punct('}')) = self.peek() {
                self.at += 1;
                return Ok(items);
            }
            items.push(self.int()?);
            match self.peek() {
                Some(Token::Punct(',')) => self.at += 1,
                Some(Token::Punct('}')) => {}
                _ => return self.error("expected ',' or '}' in a set"),
            }
        }
    }

    fn value(&mut self) -> Result<Value, DznError> {
        match self.peek() {
            Some(Token::Int(_)) => Ok(Value::Int(self.int()?)),
            Some(Token::Punct('{')) => Ok(Value::Set(self.set()?)),
            Some(Token::OpenRows) => {
                self.at += 1;
                let mut rows = vec![Vec::new()];
                loop {
                    match self.peek() {
                        Some(Token::CloseRows) => {
                            self.at += 1;
                            if rows.last().is_some_and(Vec::is_empty) {
                                rows.pop();
                            }
                            return Ok(Value::Rows(rows));
                        }
                        Some(Token::Punct('|')) => {
                            self.at += 1;
                            rows.push(Vec::new());
                        }
                        Some(Token::Punct(',')) => self.at += 1,
                        Some(Token::Int(_)) => {
                            let n = self.int()?;
                            rows.last_mut().expect("a row").push(n);
                        }
                        _ => {
                            return self
                                .error("expected a number, ',' or '|' in a two-dimensional array");
                        }
                    }
                }
            }
            Some(Token::Punct('[')) => {
                self.at += 1;
                let mut items = Vec::new();
                loop {
                    if let Some(Token::Punct(']')) = self.peek() {
                        self.at += 1;
                        return Ok(Value::Array(items));
                    }
                    items.push(self.value()?);
                    match self.peek() {
                        Some(Token::Punct(',')) => self.at += 1,
                        Some(Token::Punct(']')) => {}
                        _ => return self.error("expected ',' or ']' in an array"),
                    }
                }
            }
            Some(other) => {
                let other = describe(other);
                self.error(format!("expected a value, found {other}"))
            }
            None => self.error("expected a value, found the end of the file"),
        }
    }
}

fn describe(token: &Token) -> String {
    match token {
        Token::Ident(name) => format!("'{name}'"),
        Token::Int(n) => format!("the number {n}"),
        Token::Punct(c) => format!("'{c}'"),
        Token::OpenRows => "'[|'".to_owned(),
        Token::CloseRows => "'|]'".to_owned(),
    }
}

/// The items of a data file, by name, each with the line its name is on.
pub fn parse(text: &str) -> Result<HashMap<String, (Value, usize)>, DznError> {
    let tokens = tokens(text)?;
    let last_line = text.lines().count().max(1);
    let mut parser = Parser {
        tokens,
        at: 0,
        last_line,
    };
    let mut items = HashMap::new();
    while parser.peek().is_some() {
        let line = parser.line();
        let name = match parser.next() {
            Some(Token::Ident(name)) => name,
            Some(other) => {
                parser.at -= 1;
                let other = describe(&other);
                return parser.error(format!("expected a parameter name, found {other}"));
            }
            None => unreachable!("peeked"),
        };
        parser.expect('=')?;
        let value = parser.value()?;
        parser.expect(';')?;
        if items.insert(name.clone(), (value, line)).is_some() {
            return Err(DznError {
                line,
                problem: format!("{name} is given twice"),
            });
        }
    }
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_kind_of_value() {
        let items = parse(
            "n = 3; % a comment\nr = [|1, 2,3, \n|4, 5,6, \n|];\ns = [{0},\n{1,2}];\ne = [{},{}];\nf = [0,-1];",
        )
        .unwrap();
        assert_eq!(items["n"].0, Value::Int(3));
        assert_eq!(
            items["r"].0,
            Value::Rows(vec![vec![1, 2, 3], vec![4, 5, 6]])
        );
        assert_eq!(
            items["s"].0,
            Value::Array(vec![Value::Set(vec![0]), Value::Set(vec![1, 2])])
        );
        assert_eq!(
            items["e"].0,
            Value::Array(vec![Value::Set(vec![]), Value::Set(vec![])])
        );
        assert_eq!(
            items["f"].0,
            Value::Array(vec![Value::Int(0), Value::Int(-1)])
        );
        assert_eq!(items["r"].1, 2);
    }

    #[test]
    fn errors_name_the_line() {
        let error = parse("n = 3;\nm = [1, 2\nk = 4;").unwrap_err();
        assert_eq!(error.line, 3);
        assert!(error.problem.contains("','"), "{error}");
        let error = parse("n = 3;\n\nm = 4 ?").unwrap_err();
        assert_eq!(error.line, 3);
        let error = parse("n = 3;\nn = 4;").unwrap_err();
        assert_eq!(error.to_string(), "line 2: n is given twice");
    }
}
