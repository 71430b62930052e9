namespace BatchCycle.Certificates;

/// <summary>
/// Cuts a PDF into one PDF per page, and joins PDFs into one. Chromium spends most of a print on work done once
/// per document (preparing the CJK fonts for embedding), so certificates printed together as one document and
/// cut apart here cost a fraction of printing each alone, and the combined print file joined from those
/// documents costs no print at all.
/// <para>
/// A page is copied with every object it uses (content, fonts, images, graphics states), renumbered, under a new
/// catalog and page tree, with the document information (title, producer) of its source. The fonts of a
/// document are shared by its pages, so a part cut from it carries the glyphs of the whole document, not only
/// its own: a larger file, the same text and look.
/// </para>
/// </summary>
public static class PdfPages
{
    /// <summary>Attributes a page takes from its ancestors in the page tree when it does not set them (ISO 32000-1, 7.7.3.4).</summary>
    private static readonly string[] Inheritable = ["Resources", "MediaBox", "CropBox", "Rotate"];

    /// <summary>Catalog entries that describe the document as a whole and still hold for a part of it.</summary>
    private static readonly string[] CatalogKept = ["ViewerPreferences", "Lang"];

    private const int CatalogNumber = 1;
    private const int PageTreeNumber = 2;

    /// <summary>
    /// The pages as separate PDF files in document order, or null when the file is not in the classic form this
    /// reads (a cross-reference table, no object streams, no encryption: what Chromium writes), is damaged, or
    /// has a page that refers to another (a link within the document).
    /// </summary>
    public static IReadOnlyList<byte[]>? TrySplit(byte[] pdf)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        try
        {
            var source = new Source(pdf);
            return [.. source.Pages.Select(page => Join([(source, [page])]))];
        }
        catch (PdfNotSplittableException)
        {
            // A file from another PDF writer: the caller prints its certificates one by one instead.
            return null;
        }
    }

    /// <summary>
    /// One PDF of all pages of the given files, in order, with the document information of the first; null when
    /// one of them cannot be read (see <see cref="TrySplit"/>).
    /// </summary>
    public static byte[]? TryJoin(IReadOnlyList<byte[]> pdfs)
    {
        ArgumentNullException.ThrowIfNull(pdfs);
        ArgumentOutOfRangeException.ThrowIfZero(pdfs.Count);
        try
        {
            return Join([.. pdfs.Select(pdf => new Source(pdf)).Select(source => (source, source.Pages))]);
        }
        catch (PdfNotSplittableException)
        {
            return null;
        }
    }

    private static byte[] Join(IReadOnlyList<(Source Source, IReadOnlyList<int> Pages)> parts)
    {
        var writer = new PdfSyntaxWriter();
        var next = PageTreeNumber + 1;
        var kids = new List<PdfValue>();
        List<KeyValuePair<string, PdfValue>>? catalogEntries = null;
        int? info = null;
        foreach (var (source, pages) in parts)
        {
            var numbers = pages.ToDictionary(page => page, _ => next++);
            var copy = new ObjectCopy(source.Reader, numbers, () => next++);
            foreach (var page in pages)
            {
                writer.WriteObject(numbers[page], copy.Page(page), null);
                kids.Add(new PdfReference(numbers[page], 0));
            }

            if (catalogEntries is null)
            {
                catalogEntries =
                [
                    new("Type", new PdfName("Catalog")),
                    new("Pages", new PdfReference(PageTreeNumber, 0)),
                    .. source.Catalog.Entries.Where(e => CatalogKept.Contains(e.Key)).Select(e => new KeyValuePair<string, PdfValue>(e.Key, copy.Rewrite(e.Value))),
                ];
                info = source.Reader.Trailer["Info"] is PdfReference original && copy.Rewrite(original) is PdfReference renumbered ? renumbered.Number : null;
            }

            copy.WriteAll(writer);
        }

        writer.WriteObject(CatalogNumber, new PdfDictionary(catalogEntries!), null);
        writer.WriteObject(PageTreeNumber, new PdfDictionary(
            [
                new("Type", new PdfName("Pages")),
                new("Count", new PdfAtom(kids.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))),
                new("Kids", new PdfArray(kids)),
            ]), null);
        return writer.Finish(CatalogNumber, info);
    }

    /// <summary>A file read, with its catalog and its pages in document order.</summary>
    private sealed class Source
    {
        public Source(byte[] pdf)
        {
            Reader = new PdfSyntaxReader(pdf);
            Catalog = Reader.Resolve(Reader.Trailer["Root"]) as PdfDictionary ?? throw new PdfNotSplittableException("no catalog");
            var pages = new List<int>();
            CollectPages(Catalog["Pages"], pages, []);
            Pages = pages;
        }

        public PdfSyntaxReader Reader { get; }

        public PdfDictionary Catalog { get; }

        public IReadOnlyList<int> Pages { get; }

        private void CollectPages(PdfValue? node, List<int> pages, HashSet<int> visited)
        {
            if (node is not PdfReference reference || !visited.Add(reference.Number))
            {
                throw new PdfNotSplittableException("the page tree is not a tree of references");
            }

            var dictionary = Reader.Object(reference.Number).Value as PdfDictionary;
            if (dictionary?.IsType("Page") == true)
            {
                pages.Add(reference.Number);
            }
            else if (dictionary?.IsType("Pages") == true && Reader.Resolve(dictionary["Kids"]) is PdfArray kids)
            {
                foreach (var kid in kids.Items)
                {
                    CollectPages(kid, pages, visited);
                }
            }
            else
            {
                throw new PdfNotSplittableException($"object {reference.Number} in the page tree is neither a page nor a page tree node");
            }
        }
    }

    /// <summary>
    /// The objects some pages of one file need, found by following references from them and given the numbers
    /// <paramref name="next"/> hands out. A reference to a page not copied (a link to it, say) cannot be kept
    /// without that page, so such a copy is refused.
    /// </summary>
    private sealed class ObjectCopy(PdfSyntaxReader reader, Dictionary<int, int> numbers, Func<int> next)
    {
        private readonly List<int> order = [];

        /// <summary>A page as the only kind of child of the new page tree: inherited attributes made its own.</summary>
        public PdfDictionary Page(int page)
        {
            var dictionary = (PdfDictionary)reader.Object(page).Value;
            var entries = dictionary.Entries
                .Where(e => e.Key is not ("Parent" or "StructParents"))
                .Select(e => new KeyValuePair<string, PdfValue>(e.Key, Rewrite(e.Value)))
                .ToList();
            foreach (var key in Inheritable)
            {
                if (dictionary[key] is null && Inherited(dictionary, key) is { } value)
                {
                    entries.Add(new(key, Rewrite(value)));
                }
            }

            entries.Add(new("Parent", new PdfReference(PageTreeNumber, 0)));
            return new PdfDictionary(entries);
        }

        public PdfValue Rewrite(PdfValue value) => value switch
        {
            PdfReference reference when numbers.TryGetValue(reference.Number, out var number) => new PdfReference(number, 0),
            PdfReference reference when reader.Object(reference.Number).Value is PdfDictionary dictionary
                && (dictionary.IsType("Page") || dictionary.IsType("Pages") || dictionary.IsType("Catalog")) =>
                throw new PdfNotSplittableException($"object {reference.Number}, a page or the page tree, is referred to from a page"),
            PdfReference reference => new PdfReference(Assign(reference.Number), 0),
            PdfArray array => new PdfArray([.. array.Items.Select(Rewrite)]),
            PdfDictionary dictionary => new PdfDictionary([.. dictionary.Entries.Select(e => new KeyValuePair<string, PdfValue>(e.Key, Rewrite(e.Value)))]),
            _ => value,
        };

        /// <summary>Writes every object reached, including those reached only through others.</summary>
        public void WriteAll(PdfSyntaxWriter writer)
        {
            for (var i = 0; i < order.Count; i++)
            {
                var original = reader.Object(order[i]);
                writer.WriteObject(numbers[order[i]], Rewrite(original.Value), original.Stream);
            }
        }

        private int Assign(int original)
        {
            var number = next();
            numbers[original] = number;
            order.Add(original);
            return number;
        }

        private PdfValue? Inherited(PdfDictionary node, string key)
        {
            var visited = new HashSet<int>();
            while (node["Parent"] is PdfReference parent && visited.Add(parent.Number) && reader.Object(parent.Number).Value is PdfDictionary ancestor)
            {
                if (ancestor[key] is { } value)
                {
                    return value;
                }

                node = ancestor;
            }

            return null;
        }
    }
}
