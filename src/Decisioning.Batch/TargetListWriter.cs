using System.Globalization;
using CsvHelper;
using Decisioning.Files;

namespace Decisioning.Batch;

/// <summary>
/// One target list (名单), <c>&lt;strategy&gt;.&lt;channel&gt;.csv</c>: UTF-8 without a byte order
/// mark, a header row, columns <c>customerId,rank,score,product,script</c>, records ending in
/// <c>\n</c>, fields quoted as RFC 4180 requires (CsvHelper). The score is written in its shortest
/// round-trip form, as in the decision JSON. The file appears when <see cref="Commit"/> is called.
/// </summary>
internal sealed class TargetListWriter : IDisposable
{
    public static readonly string[] Header = ["customerId", "rank", "score", "product", "script"];

    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with { NewLine = "\n" };

    private readonly AtomicFile _file;
    private readonly CsvWriter _csv;
    private readonly string[] _record = new string[Header.Length];
    private bool _closed;

    public TargetListWriter(string folder, string strategy, string channel)
    {
        _file = AtomicFile.Create(Path.Combine(folder, FileName(strategy, channel)));
        _csv = CsvWriter.Create(_file.Stream, Options, leaveOpen: true);
        _csv.WriteHeader(Header);
    }

    public long Count { get; private set; }

    public static string FileName(string strategy, string channel) => $"{strategy}.{channel}.csv";

    public void Write(BatchCandidate candidate, ChannelOffer offer)
    {
        _record[0] = candidate.CustomerId;
        _record[1] = candidate.Rank.ToString(CultureInfo.InvariantCulture);
        _record[2] = candidate.Score.ToString("R", CultureInfo.InvariantCulture);
        _record[3] = candidate.Product;
        _record[4] = offer.Script!;
        _csv.WriteRecord(_record);
        Count++;
    }

    public void Commit()
    {
        Close();
        _file.Commit();
    }

    public void Dispose()
    {
        Close();
        _file.Dispose();
    }

    private void Close()
    {
        if (!_closed)
        {
            _closed = true;
            _csv.Dispose();
        }
    }
}
