using System.Globalization;
using System.Text;

namespace AuditHarness.Inference.Models;

/// <summary>
/// Reads the Python literals Ultralytics writes into ONNX metadata (<c>str(dict)</c>, <c>str(list)</c>, numbers,
/// <c>True</c>/<c>False</c>/<c>None</c>) into plain .NET values: <see cref="long"/>, <see cref="double"/>,
/// <see cref="string"/>, <see cref="bool"/>, null, <see cref="List{T}"/> of values (lists and tuples) and
/// <see cref="List{T}"/> of key/value pairs (dicts, in source order).
/// </summary>
internal sealed class PythonLiteralParser
{
    private readonly string _text;
    private int _position;

    private PythonLiteralParser(string text) => _text = text;

    /// <exception cref="FormatException">The text is not one complete literal; the message says what and where.</exception>
    public static object? Parse(string text)
    {
        var parser = new PythonLiteralParser(text);
        object? value = parser.ReadValue();
        parser.SkipWhitespace();
        if (parser._position < text.Length)
        {
            throw parser.Error("unexpected text after the value");
        }

        return value;
    }

    private object? ReadValue()
    {
        SkipWhitespace();
        if (_position >= _text.Length)
        {
            throw Error("the text ends where a value was expected");
        }

        char c = _text[_position];
        return c switch
        {
            '{' => ReadDict(),
            '[' => ReadSequence('[', ']'),
            '(' => ReadSequence('(', ')'),
            '\'' or '"' => ReadString(),
            _ when c == '-' || c == '+' || c == '.' || char.IsAsciiDigit(c) => ReadNumber(),
            _ when char.IsAsciiLetter(c) => ReadKeyword(),
            _ => throw Error($"unexpected '{c}'"),
        };
    }

    private List<KeyValuePair<object?, object?>> ReadDict()
    {
        var entries = new List<KeyValuePair<object?, object?>>();
        _position++;
        while (true)
        {
            SkipWhitespace();
            if (TryConsume('}'))
            {
                return entries;
            }

            object? key = ReadValue();
            SkipWhitespace();
            Expect(':');
            object? value = ReadValue();
            entries.Add(new KeyValuePair<object?, object?>(key, value));
            SkipWhitespace();
            if (!TryConsume(','))
            {
                SkipWhitespace();
                Expect('}');
                return entries;
            }
        }
    }

    private List<object?> ReadSequence(char open, char close)
    {
        var items = new List<object?>();
        _position++;
        while (true)
        {
            SkipWhitespace();
            if (TryConsume(close))
            {
                return items;
            }

            items.Add(ReadValue());
            SkipWhitespace();
            if (!TryConsume(','))
            {
                SkipWhitespace();
                Expect(close);
                return items;
            }
        }
    }

    private string ReadString()
    {
        int start = _position;
        char quote = _text[_position++];
        var value = new StringBuilder();
        while (_position < _text.Length)
        {
            char c = _text[_position++];
            if (c == quote)
            {
                return value.ToString();
            }

            if (c != '\\')
            {
                value.Append(c);
                continue;
            }

            if (_position >= _text.Length)
            {
                break;
            }

            char escaped = _text[_position++];
            switch (escaped)
            {
                case 'n': value.Append('\n'); break;
                case 't': value.Append('\t'); break;
                case 'r': value.Append('\r'); break;
                case '0': value.Append('\0'); break;
                case 'x': value.Append(ReadHexCharacter(2)); break;
                case 'u': value.Append(ReadHexCharacter(4)); break;
                case 'U': value.Append(char.ConvertFromUtf32(ReadHex(8))); break;
                case '\\' or '\'' or '"': value.Append(escaped); break;
                default:
                    // Python keeps an unknown escape as written, backslash included.
                    value.Append('\\').Append(escaped);
                    break;
            }
        }

        _position = start;
        throw Error("a string is not closed");
    }

    private char ReadHexCharacter(int digits) => (char)ReadHex(digits);

    private int ReadHex(int digits)
    {
        if (_position + digits > _text.Length
            || !int.TryParse(_text.AsSpan(_position, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code))
        {
            throw Error($"expected {digits} hex digits after an escape");
        }

        _position += digits;
        return code;
    }

    private object ReadNumber()
    {
        int start = _position;
        if (_text[_position] is '-' or '+')
        {
            _position++;
        }

        while (_position < _text.Length && (char.IsAsciiDigit(_text[_position]) || _text[_position] is '.' or 'e' or 'E' or '_'
            || (_text[_position] is '-' or '+' && _text[_position - 1] is 'e' or 'E')))
        {
            _position++;
        }

        string token = _text[start.._position].Replace("_", string.Empty, StringComparison.Ordinal);
        if (long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer))
        {
            return integer;
        }

        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double real))
        {
            return real;
        }

        _position = start;
        throw Error($"'{token}' is not a number");
    }

    private object? ReadKeyword()
    {
        int start = _position;
        while (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] == '_'))
        {
            _position++;
        }

        string word = _text[start.._position];
        switch (word)
        {
            case "True": return true;
            case "False": return false;
            case "None": return null;
            default:
                _position = start;
                throw Error($"'{word}' is not a literal");
        }
    }

    private void SkipWhitespace()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }

    private bool TryConsume(char expected)
    {
        if (_position < _text.Length && _text[_position] == expected)
        {
            _position++;
            return true;
        }

        return false;
    }

    private void Expect(char expected)
    {
        if (!TryConsume(expected))
        {
            throw _position < _text.Length
                ? Error($"expected '{expected}' but found '{_text[_position]}'")
                : Error($"expected '{expected}' but the text ends");
        }
    }

    private FormatException Error(string what) => new($"{what} at character {_position + 1}");
}
