namespace Decisioning.Compilation;

/// <summary>
/// The lexer of <see cref="FastExpressionParser"/>: the tokens of Dynamic LINQ's expression language
/// that the parser of common forms reads, scanned from the text as Dynamic LINQ's own tokenizer
/// does (the grammar and the tree building are in FastExpressionParser.cs, the type rules in
/// FastExpressionParser.TypeRules.cs).
/// </summary>
internal static partial class FastExpressionParser
{
    private sealed partial class Parser
    {
        private void Next()
        {
            while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
            {
                _pos++;
            }

            _start = _pos;
            if (_pos >= _text.Length)
            {
                Kind = Tok.End;
                return;
            }

            var c = _text[_pos];
            Kind = c switch
            {
                '(' => One(Tok.OpenParen),
                ')' => One(Tok.CloseParen),
                '.' => One(Tok.Dot),
                '+' => One(Tok.Plus),
                '-' => One(Tok.Minus),
                '*' => One(Tok.Times),
                '/' => One(Tok.Divide),
                '%' => One(Tok.Modulo),
                '!' => Peek('=') ? Two(Tok.NotEqual) : One(Tok.Not),
                '=' => Peek('=') ? Two(Tok.Equal) : Tok.Other,
                '<' => Peek('=') ? Two(Tok.LessEqual) : Peek('>') || Peek('<') ? Tok.Other : One(Tok.Less),
                '>' => Peek('=') ? Two(Tok.GreaterEqual) : Peek('>') ? Tok.Other : One(Tok.Greater),
                '&' => Peek('&') ? Two(Tok.AndAlso) : Tok.Other,
                '|' => Peek('|') ? Two(Tok.OrElse) : Tok.Other,
                '"' => ScanString(),
                _ when char.IsDigit(c) => ScanNumber(),
                _ when char.IsLetter(c) || c == '_' => ScanIdentifier(),
                _ => Tok.Other,
            };
        }

        private bool Peek(char next) => _pos + 1 < _text.Length && _text[_pos + 1] == next;

        private Tok One(Tok kind)
        {
            _pos++;
            return kind;
        }

        private Tok Two(Tok kind)
        {
            _pos += 2;
            return kind;
        }

        private Tok ScanString()
        {
            var close = _text.IndexOf('"', _pos + 1);
            if (close < 0 || _text.AsSpan(_pos + 1, close - _pos - 1).Contains('\\'))
            {
                return Tok.Other; // unterminated, or escapes (Regex.Unescape's rules)
            }

            _pos = close + 1;
            return _pos < _text.Length && _text[_pos] == '"' ? Tok.Other : Tok.String;
        }

        private Tok ScanNumber()
        {
            var digits = _pos;
            while (_pos < _text.Length && char.IsDigit(_text[_pos]))
            {
                _pos++;
            }

            var kind = Tok.Integer;
            var leadingZero = _text[digits] == '0' && _pos - digits > 1;
            if (_pos < _text.Length && _text[_pos] == '.')
            {
                _pos++;
                var fraction = _pos;
                while (_pos < _text.Length && char.IsDigit(_text[_pos]))
                {
                    _pos++;
                }

                if (_pos == fraction)
                {
                    return Tok.Other;
                }

                kind = Tok.Real;
            }

            // Hex, binary, exponents, type suffixes and digits glued to a name are left to Dynamic LINQ.
            var glued = _pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] == '_');
            return leadingZero || glued || !AllAsciiDigits(digits) ? Tok.Other : kind;
        }

        private bool AllAsciiDigits(int from)
        {
            for (var i = from; i < _pos; i++)
            {
                if (_text[i] is not ((>= '0' and <= '9') or '.'))
                {
                    return false;
                }
            }

            return true;
        }

        private Tok ScanIdentifier()
        {
            while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] == '_'))
            {
                _pos++;
            }

            var word = _text.AsSpan(_start, _pos - _start);
            if (word.Equals("and", StringComparison.OrdinalIgnoreCase) || word.Equals("AndAlso", StringComparison.OrdinalIgnoreCase))
            {
                return Tok.AndAlso;
            }

            if (word.Equals("or", StringComparison.OrdinalIgnoreCase) || word.Equals("OrElse", StringComparison.OrdinalIgnoreCase))
            {
                return Tok.OrElse;
            }

            if (word.Equals("not", StringComparison.OrdinalIgnoreCase))
            {
                return Tok.Not;
            }

            return OperatorWords.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word) ? Tok.Other : Tok.Identifier;
        }
    }
}
