using System.Globalization;
using SkiaSharp;

namespace AuditHarness.Reporting.Pdf;

/// <summary>
/// Measures the blocks of a <see cref="ReportDocument"/> into pages of <see cref="PageOp"/>s: A4 portrait in
/// points, word wrap, table columns sized from content so numbers and words are never split, table header repeated per page, rows never split. Page numbers ("page N of M") are added
/// only after every page is measured, because M is not known before. Throws, naming the element, when
/// something cannot fit on an empty page.
/// </summary>
internal sealed class PageLayout
{
    public const float PageWidth = 595.28f;
    public const float PageHeight = 841.89f;
    public const float Margin = 50f;
    private const float FooterHeight = 24f;
    private const float ContentWidth = PageWidth - (2 * Margin);
    private const float ContentBottom = PageHeight - Margin - FooterHeight;
    private const float BlockGap = 8f;
    private const float CellPadding = 3f;
    private const float TableFontSize = 7.5f;
    private const float MinTableFontSize = 5.5f;

    // No unbreakable piece may claim more than this much of the width: a longer one (an id of 30 characters
    // with no '-' or '_') is broken between characters as a last resort instead of failing the report.
    private const float MaxPieceWidth = ContentWidth * 0.3f;

    // Ends the first part of such a broken piece: U+2010 HYPHEN, which looks like '-' but is no character of any id
    // (ids keep to letters, digits, '.', '_' and '-'), so the text still tells a break from the id's own hyphen.
    private const string BrokenIdMark = "\u2010";
    private const uint Black = 0xFF000000;
    private const uint Grey = 0xFF606060;
    private const uint HeaderFill = 0xFFDDDDDD;
    private const uint GridStroke = 0xFFAAAAAA;

    private readonly ReportFonts _fonts;
    private readonly List<List<PageOp>> _pages = [];
    private float _y;

    private PageLayout(ReportFonts fonts) => _fonts = fonts;

    public static IReadOnlyList<IReadOnlyList<PageOp>> Lay(ReportDocument document, ReportFonts fonts)
    {
        var layout = new PageLayout(fonts);
        layout.NewPage();
        foreach (ReportBlock block in document.Blocks)
        {
            layout.Add(block);
        }

        layout.AddFooters(document.Footer);
        return layout._pages;
    }

    private List<PageOp> Current => _pages[^1];

    private void NewPage()
    {
        _pages.Add([]);
        _y = Margin;
    }

    private void Add(ReportBlock block)
    {
        switch (block)
        {
            case PageBreakBlock:
                if (Current.Count > 0)
                {
                    NewPage();
                }

                break;
            case HeadingBlock heading:
                // Keep the heading with the first line of what follows: ask for room for both.
                AddLines(heading, Wrap(heading.Text, 14f, bold: true, ContentWidth, heading), 14f, bold: true, Black, extraRoom: 30f);
                break;
            case ParagraphBlock paragraph:
                AddLines(paragraph, Wrap(paragraph.Text, paragraph.Size, paragraph.Bold, ContentWidth, paragraph), paragraph.Size, paragraph.Bold, paragraph.Color, extraRoom: 0f);
                break;
            case KeyValueBlock keyValue:
                AddKeyValue(keyValue);
                break;
            case TableBlock table:
                AddTable(table);
                break;
            case FigureBlock figure:
                AddFigure(figure);
                break;
            case ChartBlock chart:
                AddChart(chart);
                break;
            case ImageRowBlock row:
                AddImageRow(row);
                break;
            default:
                throw new InvalidOperationException($"The PDF layout does not know how to draw {block.Name} ({block.GetType().Name}).");
        }
    }

    private static float LineHeight(float size) => size * 1.35f;

    private void AddLines(ReportBlock block, IReadOnlyList<string> lines, float size, bool bold, uint color, float extraRoom)
    {
        float lineHeight = LineHeight(size);
        EnsureRoom(block, lineHeight + extraRoom);
        foreach (string line in lines)
        {
            EnsureRoom(block, lineHeight);
            Current.Add(new TextOp(Margin, _y + (size * 1.05f), line, size, bold, color));
            _y += lineHeight;
        }

        _y += BlockGap;
    }

    private void AddKeyValue(KeyValueBlock block)
    {
        float size = block.Size;
        float labelWidth = block.LabelWidth;
        float lineHeight = LineHeight(size);
        foreach ((string key, string value) in block.Entries)
        {
            IReadOnlyList<string> labelLines = Wrap(key, size, bold: true, labelWidth - 6f, block);
            IReadOnlyList<string> valueLines = Wrap(value, size, bold: false, ContentWidth - labelWidth, block);
            float height = Math.Max(labelLines.Count, valueLines.Count) * lineHeight;
            EnsureRoom(block, height);
            for (int i = 0; i < labelLines.Count; i++)
            {
                Current.Add(new TextOp(Margin, _y + (size * 1.05f) + (i * lineHeight), labelLines[i], size, true, Black));
            }

            for (int i = 0; i < valueLines.Count; i++)
            {
                Current.Add(new TextOp(Margin + labelWidth, _y + (size * 1.05f) + (i * lineHeight), valueLines[i], size, false, Black));
            }

            _y += height;
        }

        _y += BlockGap;
    }

    private void AddChart(ChartBlock chart)
    {
        if (!(chart.Height > 0))
        {
            throw new InvalidOperationException($"{chart.Name}: height must be positive; got {chart.Height:0.#} pt.");
        }

        EnsureRoom(chart, chart.Height);
        Current.Add(new ChartOp(Margin, _y, ContentWidth, chart.Height, chart.CreatePlot));
        _y += chart.Height + BlockGap;
    }

    private void AddImageRow(ImageRowBlock row)
    {
        const float gap = 6f;
        const float captionSize = 7f;
        if (row.Images.Count == 0)
        {
            return;
        }

        float cellWidth = (ContentWidth - (gap * (row.Images.Count - 1))) / row.Images.Count;
        float lineHeight = LineHeight(captionSize);
        var captions = new List<IReadOnlyList<string>>();
        var sizes = new List<(float Width, float Height)>();
        for (int i = 0; i < row.Images.Count; i++)
        {
            string where = "image " + (i + 1).ToString(CultureInfo.InvariantCulture);
            (int width, int height) = PixelSize(row, row.Images[i].Encoded, where);
            float fit = Math.Min(cellWidth / width, row.ImageHeight / height);
            sizes.Add((width * fit, height * fit));
            captions.Add(Wrap(row.Images[i].Caption, captionSize, bold: false, cellWidth, row, where + " caption"));
        }

        float total = row.ImageHeight + 2f + (captions.Max(c => c.Count) * lineHeight);
        EnsureRoom(row, total);
        for (int i = 0; i < row.Images.Count; i++)
        {
            float x = Margin + (i * (cellWidth + gap));
            (float width, float height) = sizes[i];
            Current.Add(new ImageOp(x + ((cellWidth - width) / 2f), _y + ((row.ImageHeight - height) / 2f), width, height, row.Images[i].Encoded));
            for (int l = 0; l < captions[i].Count; l++)
            {
                Current.Add(new TextOp(x, _y + row.ImageHeight + 2f + (captionSize * 1.05f) + (l * lineHeight), captions[i][l], captionSize, false, Black));
            }
        }

        _y += total + BlockGap;
    }

    private static (int Width, int Height) PixelSize(ImageRowBlock row, byte[] encoded, string where)
    {
        using var data = SKData.CreateCopy(encoded);
        using SKCodec? codec = SKCodec.Create(data);
        if (codec is null || codec.Info.Width <= 0 || codec.Info.Height <= 0)
        {
            throw new InvalidOperationException($"{row.Name}, {where}: the bytes are not an image SkiaSharp can decode (PNG or JPEG expected).");
        }

        return (codec.Info.Width, codec.Info.Height);
    }

    private void AddTable(TableBlock table)
    {
        if (table.Header.Count != table.ColumnWeights.Count || table.Rows.Any(r => r.Cells.Count != table.Header.Count))
        {
            throw new InvalidOperationException($"{table.Name}: every row needs {table.Header.Count} cells, one per column weight.");
        }

        (float[] widths, float fontSize) = ColumnWidths(table);
        var header = new TableRow(table.Header, HeaderFill);
        float headerHeight = RowHeight(table, header, widths, fontSize, bold: true, rowName: "header row");

        // A header needs at least one row below it: ask for room for both, or start the table on a fresh page.
        float firstRow = table.Rows.Count > 0 ? RowHeight(table, table.Rows[0], widths, fontSize, bold: false, rowName: "row 1") : 0f;
        EnsureRoom(table, headerHeight + firstRow);
        DrawRow(table, header, widths, fontSize, headerHeight, bold: true);
        for (int r = 0; r < table.Rows.Count; r++)
        {
            string rowName = "row " + (r + 1).ToString(CultureInfo.InvariantCulture);
            float height = RowHeight(table, table.Rows[r], widths, fontSize, bold: false, rowName);
            if (headerHeight + height > ContentBottom - Margin)
            {
                throw new InvalidOperationException($"{table.Name}, {rowName}: the row is {height:0} pt tall and cannot fit on one page even alone under the header.");
            }

            if (_y + height > ContentBottom)
            {
                NewPage();
                DrawRow(table, header, widths, fontSize, headerHeight, bold: true);
            }

            DrawRow(table, table.Rows[r], widths, fontSize, height, bold: false);
        }

        _y += BlockGap;
    }

    /// <summary>
    /// Column widths from content, so no number, verdict or word is ever split: each column is at least as wide
    /// as its widest unbreakable piece (see <see cref="TablePieces"/>). When every cell fits on one line the
    /// columns get their natural width; otherwise the room left after the minimums goes first, whole, to the
    /// columns that need least to fit on one line, and the rest to the columns that still wrap, by need. The weights only share out spare room. When even the
    /// minimums do not fit, the table's font shrinks step by step down to <see cref="MinTableFontSize"/>.
    /// </summary>
    private (float[] Widths, float FontSize) ColumnWidths(TableBlock table)
    {
        int columns = table.Header.Count;
        float totalWeight = table.ColumnWeights.Sum();

        // First with every word whole (ids too); then only the longest ids may wrap at '-' or '_' (words up to
        // wholeWord wide stay whole), and last any id. At each step a slightly smaller type that puts every cell
        // on one line beats wrapping at the full size.
        foreach ((float wholeWord, float smallest) in new[] { (float.MaxValue, TableFontSize - 1f), (90f, TableFontSize - 1f), (60f, TableFontSize - 1f), (0f, MinTableFontSize) })
        {
            // Down to 1.5 pt smaller: text is set at the font's own advances (ReportFonts), wider than the hinted
            // whole-point advances of old that squeezed small digits, so one-line tables need half a point more.
            for (float size = TableFontSize; size >= TableFontSize - 1.51f; size -= 0.5f)
            {
                float[] natural = MeasureColumns(table, size, wholeWord).Natural;
                if (natural.Sum() <= ContentWidth)
                {
                    float spare = ContentWidth - natural.Sum();
                    return ([.. natural.Select((n, c) => n + (spare * table.ColumnWeights[c] / totalWeight))], size);
                }
            }

            for (float size = TableFontSize; size >= smallest - 0.01f; size -= 0.5f)
            {
                (float[] min, float[] natural) = MeasureColumns(table, size, wholeWord);
                if (min.Sum() > ContentWidth)
                {
                    continue;
                }

                // Columns that need least to fit on one line get it first (short numbers, intervals, verdicts), so
                // wrapping is left to the few columns of long ids and free text, which share the rest by need.
                float[] widths = [.. min];
                float room = ContentWidth - min.Sum();
                var wrapping = new List<int>();
                foreach (int c in Enumerable.Range(0, columns).OrderBy(c => natural[c] - min[c]))
                {
                    float need = natural[c] - min[c];
                    if (need <= room)
                    {
                        widths[c] = natural[c];
                        room -= need;
                    }
                    else
                    {
                        wrapping.Add(c);
                    }
                }

                float lacking = wrapping.Sum(c => natural[c] - min[c]);
                foreach (int c in wrapping)
                {
                    widths[c] += room * (natural[c] - min[c]) / lacking;
                }

                return (widths, size);
            }
        }

        throw new InvalidOperationException($"{table.Name}: its columns' longest words and numbers need more than the {ContentWidth:0} pt page width even at {MinTableFontSize:0.#} pt type.");
    }

    /// <summary>
    /// Per column, the narrowest width that splits nothing unbreakable (words up to <paramref name="wholeWord"/>
    /// wide count whole, longer ones by their widest piece) and the width that puts every body cell on one line.
    /// </summary>
    private (float[] Min, float[] Natural) MeasureColumns(TableBlock table, float size, float wholeWord)
    {
        int columns = table.Header.Count;
        var min = new float[columns];
        var natural = new float[columns];
        using SKFont regular = _fonts.Font(size, bold: false);
        using SKFont bold = _fonts.Font(size, bold: true);
        for (int c = 0; c < columns; c++)
        {
            foreach ((string cell, SKFont font) in table.Rows.Select(r => (r.Cells[c], regular)).Prepend((table.Header[c], bold)))
            {
                foreach (string line in cell.Split('\n'))
                {
                    // A header may wrap at its spaces: only its words, not its whole line, widen the column.
                    natural[c] = font == bold ? natural[c] : Math.Max(natural[c], font.MeasureText(line));
                    foreach (List<string> word in TablePieces(line))
                    {
                        float whole = font.MeasureText(string.Concat(word));
                        float unbreakable = whole <= wholeWord ? whole : word.Max(piece => font.MeasureText(piece));
                        min[c] = Math.Max(min[c], Math.Min(unbreakable, MaxPieceWidth));
                    }
                }
            }

            // Rounding slack so a piece measured alone still fits when measured inside its line.
            min[c] += (2 * CellPadding) + 1f;
            natural[c] = Math.Max(natural[c] + (2 * CellPadding) + 1f, min[c]);
        }

        return (min, natural);
    }

    /// <summary>
    /// The words of a cell line, each as the pieces it may wrap between. A word breaks only after '_' or after a
    /// '-' that follows a letter (as in ids like ruler-layer-reliance-model9); a '-' after a digit's exponent
    /// mark or a sign never breaks, so numbers such as 3.747E-16 and verdict words stay whole.
    /// </summary>
    private static IEnumerable<List<string>> TablePieces(string line)
    {
        foreach (string word in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var pieces = new List<string>();
            int start = 0;
            for (int i = 0; i < word.Length - 1; i++)
            {
                bool afterUnderscore = word[i] == '_';
                bool afterWordHyphen = word[i] == '-' && i > 0 && char.IsLetter(word[i - 1])
                    && !((word[i - 1] is 'E' or 'e') && i > 1 && char.IsDigit(word[i - 2]));
                if (afterUnderscore || afterWordHyphen)
                {
                    pieces.Add(word[start..(i + 1)]);
                    start = i + 1;
                }
            }

            pieces.Add(word[start..]);
            yield return pieces;
        }
    }

    /// <summary>Greedy wrap of a table cell at spaces and at <see cref="TablePieces"/> boundaries; never between characters.</summary>
    private List<string> WrapCell(string text, float size, bool bold, float width, TableBlock table, string where)
    {
        using SKFont font = _fonts.Font(size, bold);
        var lines = new List<string>();
        foreach (string paragraph in text.Split('\n'))
        {
            string line = string.Empty;
            foreach (List<string> word in TablePieces(paragraph))
            {
                // A word that fits whole, on this line or the next, is not broken.
                string whole = string.Concat(word);
                string joined = line.Length == 0 ? whole : line + " " + whole;
                if (font.MeasureText(joined) <= width)
                {
                    line = joined;
                    continue;
                }

                if (line.Length > 0 && font.MeasureText(whole) <= width)
                {
                    lines.Add(line);
                    line = whole;
                    continue;
                }

                for (int p = 0; p < word.Count; p++)
                {
                    string candidate = line.Length == 0 ? word[p] : line + (p == 0 ? " " : string.Empty) + word[p];
                    if (font.MeasureText(candidate) <= width)
                    {
                        line = candidate;
                        continue;
                    }

                    if (line.Length > 0)
                    {
                        lines.Add(line);
                    }

                    line = word[p];

                    // Only a piece longer than MaxPieceWidth (a freak id; no number or verdict is) can get here. It is
                    // broken between characters with a visible mark, so no reader takes the two halves for two values.
                    while (font.MeasureText(line) > width)
                    {
                        int fit = 0;
                        while (fit < line.Length && font.MeasureText(line[..(fit + 1)] + BrokenIdMark) <= width)
                        {
                            fit++;
                        }

                        if (fit == 0)
                        {
                            throw new InvalidOperationException($"{table.Name}, {where}: the character '{line[0]}' is wider than the {width:0.#} pt column.");
                        }

                        lines.Add(line[..fit] + BrokenIdMark);
                        line = line[fit..];
                    }
                }
            }

            lines.Add(line);
        }

        return lines;
    }

    private void AddFigure(FigureBlock figure)
    {
        EnsureRoom(figure, figure.Height);
        foreach (FigureShape shape in figure.Shapes)
        {
            if (shape.Width > 0 && shape.Height > 0)
            {
                Current.Add(new RectOp(Margin + shape.X, _y + shape.Y, shape.Width, shape.Height, shape.Fill, shape.Stroke));
            }

            if (!string.IsNullOrEmpty(shape.Text))
            {
                Current.Add(new TextOp(Margin + shape.X, _y + shape.Y, shape.Text, shape.TextSize, false, shape.TextColor));
            }
        }

        _y += figure.Height + BlockGap;
    }

    private float RowHeight(TableBlock table, TableRow row, float[] widths, float fontSize, bool bold, string rowName)
    {
        int lines = 1;
        for (int c = 0; c < widths.Length; c++)
        {
            lines = Math.Max(lines, WrapCell(row.Cells[c], fontSize, bold, widths[c] - (2 * CellPadding), table, $"{rowName}, column '{table.Header[c]}'").Count);
        }

        return (lines * LineHeight(fontSize)) + (2 * CellPadding);
    }

    private void DrawRow(TableBlock table, TableRow row, float[] widths, float fontSize, float height, bool bold)
    {
        float x = Margin;
        float lineHeight = LineHeight(fontSize);
        for (int c = 0; c < widths.Length; c++)
        {
            Current.Add(new RectOp(x, _y, widths[c], height, row.Fill, GridStroke));
            IReadOnlyList<string> lines = WrapCell(row.Cells[c], fontSize, bold, widths[c] - (2 * CellPadding), table, $"column '{table.Header[c]}'");
            for (int i = 0; i < lines.Count; i++)
            {
                Current.Add(new TextOp(x + CellPadding, _y + CellPadding + (fontSize * 1.05f) + (i * lineHeight), lines[i], fontSize, bold, Black));
            }

            x += widths[c];
        }

        _y += height;
    }

    private void EnsureRoom(ReportBlock block, float height)
    {
        if (height > ContentBottom - Margin)
        {
            throw new InvalidOperationException($"{block.Name}: needs {height:0} pt, more than a whole page holds.");
        }

        if (_y + height > ContentBottom)
        {
            NewPage();
        }
    }

    private void AddFooters(string? footer)
    {
        const float size = 8f;
        string total = _pages.Count.ToString(CultureInfo.InvariantCulture);
        for (int i = 0; i < _pages.Count; i++)
        {
            if (footer is not null)
            {
                _pages[i].Add(new TextOp(Margin, PageHeight - Margin, footer, size, false, Grey));
            }

            string text = "page " + (i + 1).ToString(CultureInfo.InvariantCulture) + " of " + total;
            using SKFont font = _fonts.Font(size, bold: false);
            float width = font.MeasureText(text);
            _pages[i].Add(new TextOp(PageWidth - Margin - width, PageHeight - Margin, text, size, false, Grey));
        }
    }

    /// <summary>Greedy word wrap; a word wider than the line is broken between characters.</summary>
    private List<string> Wrap(string text, float size, bool bold, float width, ReportBlock block, string? where = null)
    {
        using SKFont font = _fonts.Font(size, bold);
        var lines = new List<string>();
        foreach (string paragraph in text.Split('\n'))
        {
            string line = string.Empty;
            foreach (string word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                string candidate = line.Length == 0 ? word : line + " " + word;
                if (font.MeasureText(candidate) <= width)
                {
                    line = candidate;
                    continue;
                }

                if (line.Length > 0)
                {
                    lines.Add(line);
                }

                line = word;
                while (font.MeasureText(line) > width)
                {
                    int fit = 0;
                    while (fit < line.Length && font.MeasureText(line[..(fit + 1)]) <= width)
                    {
                        fit++;
                    }

                    if (fit == 0)
                    {
                        throw new InvalidOperationException($"{block.Name}{(where is null ? string.Empty : ", " + where)}: the character '{line[0]}' is wider than the {width:0.#} pt available.");
                    }

                    lines.Add(line[..fit]);
                    line = line[fit..];
                }
            }

            lines.Add(line);
        }

        return lines;
    }
}
