namespace BatchCycle.Panel;

/// <summary>The column width a text needs and the lines it takes when wrapped.</summary>
internal static class CellText
{
    /// <summary>Column width in characters: CJK characters take two, capped so that long texts wrap instead.</summary>
    public static double Width(string? text, int cap = 60)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 6;
        }

        var width = 0;
        foreach (var line in text.Split('\n'))
        {
            var lineWidth = 0;
            foreach (var c in line)
            {
                lineWidth += c >= '\u1100' ? 2 : 1;
            }

            width = Math.Max(width, lineWidth);
        }

        return width > cap ? cap + 2 : Math.Max(6, width + 2);
    }

    /// <summary>
    /// The lines a wrapped text takes in a column <paramref name="width"/> characters wide: words wrap whole, Chinese
    /// characters one by one; a Chinese character is a little over two characters of width. Rather one line too many
    /// than a reason cut on paper.
    /// </summary>
    public static int Lines(string text, double width, bool bold = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var capacity = Math.Max(1, width - 1);
        var latin = bold ? 1.1 : 1.0;
        var total = 0;
        foreach (var paragraph in text.Split('\n'))
        {
            var lines = 1;
            var used = 0.0;
            var word = 0.0;
            void Place(double size)
            {
                if (used > 0 && used + size > capacity)
                {
                    lines++;
                    used = 0;
                }

                used += size;
                while (used > capacity)
                {
                    lines++;
                    used -= capacity;
                }
            }

            foreach (var c in paragraph)
            {
                if (c >= '\u1100')
                {
                    Place(word);
                    word = 0;
                    Place(2.1);
                }
                else
                {
                    word += latin;
                    if (c == ' ')
                    {
                        Place(word);
                        word = 0;
                    }
                }
            }

            Place(word);
            total += lines;
        }

        return total;
    }
}
