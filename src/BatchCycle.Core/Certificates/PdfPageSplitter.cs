namespace BatchCycle.Certificates;

/// <summary>
/// Cuts a PDF into one PDF per page. Chromium spends most of a print on work done once per document (preparing
/// the CJK fonts for embedding), so certificates printed together as one document and cut apart here cost a
/// fraction of printing each alone. A part holds its page and every object the page uses (content, fonts,
/// images, graphics states), renumbered, under a new catalog and page tree, with the document information
/// (title, producer) of the whole. The fonts are shared by the pages of the document, so a part carries the
/// glyphs of the whole batch, not only its own: a larger file, the same text and look.
/// </summary>
public static class PdfPageSplitter
{
    /// <summary>Attributes a page takes from its ancestors in the page tree when it does not set them (ISO 32000-1, 7.7.3.4).</summary>
    private static readonly string[] Inheritable = ["Resources", "MediaBox", "CropBox", "Rotate"];

    /// <summary>Catalog entries that describe the document as a whole and still hold for one page of it.</summary>
    private static readonly string[] CatalogKept = ["ViewerPreferences", "Lang"];

    private const int CatalogNumber = 1;
    private const int PageTreeNumber = 2;
    private const int PageNumber = 3;

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
            var reader = new PdfSyntaxReader(pdf);
            var catalog = reader.Resolve(reader.Trailer["Root"]) as PdfDictionary ?? throw new PdfNotSplittableException("no catalog");
            var pages = new List<int>();
            CollectPages(reader, catalog["Pages"], pages, []);
            var pageSet = pages.ToHashSet();
            return [.. pages.Select(page => Part(reader, catalog, page, pageSet))];
        }
        catch (PdfNotSplittableException)
        {
            // A file from another PDF writer: the caller prints its certificates one by one instead.
            return null;
        }
    }

    private static void CollectPages(PdfSyntaxReader reader, PdfValue? node, List<int> pages, HashSet<int> visited)
    {
        if (node is not PdfReference reference || !visited.Add(reference.Number))
        {
            throw new PdfNotSplittableException("the page tree is not a tree of references");
        }

        var dictionary = reader.Object(reference.Number).Value as PdfDictionary;
        if (dictionary?.IsType("Page") == true)
        {
            pages.Add(reference.Number);
        }
        else if (dictionary?.IsType("Pages") == true && reader.Resolve(dictionary["Kids"]) is PdfArray kids)
        {
            foreach (var kid in kids.Items)
            {
                CollectPages(reader, kid, pages, visited);
            }
        }
        else
        {
            throw new PdfNotSplittableException($"object {reference.Number} in the page tree is neither a page nor a page tree node");
        }
    }

    private static byte[] Part(PdfSyntaxReader reader, PdfDictionary catalog, int page, HashSet<int> allPages)
    {
        var copy = new ObjectCopy(reader, page, allPages);
        var writer = new PdfSyntaxWriter();

        var pageDictionary = (PdfDictionary)reader.Object(page).Value;
        var entries = pageDictionary.Entries
            .Where(e => e.Key is not ("Parent" or "StructParents"))
            .Select(e => new KeyValuePair<string, PdfValue>(e.Key, copy.Rewrite(e.Value)))
            .ToList();
        foreach (var key in Inheritable)
        {
            if (pageDictionary[key] is null && Inherited(reader, pageDictionary, key) is { } value)
            {
                entries.Add(new(key, copy.Rewrite(value)));
            }
        }

        entries.Add(new("Parent", new PdfReference(PageTreeNumber, 0)));
        writer.WriteObject(PageNumber, new PdfDictionary(entries), null);

        var catalogEntries = new List<KeyValuePair<string, PdfValue>>
        {
            new("Type", new PdfName("Catalog")),
            new("Pages", new PdfReference(PageTreeNumber, 0)),
        };
        catalogEntries.AddRange(catalog.Entries.Where(e => CatalogKept.Contains(e.Key)).Select(e => new KeyValuePair<string, PdfValue>(e.Key, copy.Rewrite(e.Value))));
        writer.WriteObject(CatalogNumber, new PdfDictionary(catalogEntries), null);
        writer.WriteObject(PageTreeNumber, new PdfDictionary(
            [
                new("Type", new PdfName("Pages")),
                new("Count", new PdfAtom("1")),
                new("Kids", new PdfArray([new PdfReference(PageNumber, 0)])),
            ]), null);

        int? info = reader.Trailer["Info"] is PdfReference original && copy.Rewrite(original) is PdfReference renumbered ? renumbered.Number : null;
        copy.WriteAll(writer);
        return writer.Finish(CatalogNumber, info);
    }

    private static PdfValue? Inherited(PdfSyntaxReader reader, PdfDictionary node, string key)
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

    /// <summary>
    /// The objects one page needs, found by following references from it and numbered after the catalog, page
    /// tree and page. A reference to another page (a link to it, say) cannot be kept in a part without that page,
    /// so such a document is not split at all.
    /// </summary>
    private sealed class ObjectCopy(PdfSyntaxReader reader, int page, HashSet<int> allPages)
    {
        private readonly Dictionary<int, int> numbers = new() { [page] = PageNumber };
        private readonly List<int> order = [];

        public PdfValue Rewrite(PdfValue value) => value switch
        {
            PdfReference reference when numbers.TryGetValue(reference.Number, out var number) => new PdfReference(number, 0),
            PdfReference reference when allPages.Contains(reference.Number) || IsPageTree(reference.Number) =>
                throw new PdfNotSplittableException($"page object {page} refers to another page or the page tree"),
            PdfReference reference => new PdfReference(Assign(reference.Number), 0),
            PdfArray array => new PdfArray([.. array.Items.Select(Rewrite)]),
            PdfDictionary dictionary => new PdfDictionary([.. dictionary.Entries.Select(e => new KeyValuePair<string, PdfValue>(e.Key, Rewrite(e.Value)))]),
            _ => value,
        };

        /// <summary>Writes every object reached, including those reached only through others, breadth first.</summary>
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
            // The object must exist: a dangling reference is damage, not something to copy.
            reader.Object(original);
            var number = PageNumber + 1 + order.Count;
            numbers[original] = number;
            order.Add(original);
            return number;
        }

        private bool IsPageTree(int number) =>
            reader.Object(number).Value is PdfDictionary dictionary && (dictionary.IsType("Pages") || dictionary.IsType("Catalog"));
    }
}
