using Decisioning.Model;
using System.Text.Json;
using Decisioning.Plan;
using Decisioning.Serialization;

namespace Decisioning.Batch;

/// <summary>A channel as allocation sees it: unlimited when <see cref="Capacity"/> is null.</summary>
internal sealed record BatchChannel(string Id, long? Capacity);

/// <summary>A strategy's channel list, in preference order: the target lists it may fill.</summary>
internal sealed record BatchStrategy(string Id, IReadOnlyList<string> Channels);

/// <summary>
/// <c>partition.json</c>: what a partition was run with and what it holds. It is written last, so a
/// folder without one is an unfinished partition. <c>batch-merge</c> needs nothing but these
/// folders: the map's channels and strategies travel here.
/// </summary>
internal sealed record PartitionManifest(
    string Map,
    string Version,
    DateTime At,
    PartitionSpec Partition,
    long Lines,
    long Customers,
    long Errors,
    IReadOnlyList<BatchChannel> Channels,
    IReadOnlyList<BatchStrategy> Strategies)
{
    public const string FileName = "partition.json";
    public const string Format = "decisioning-partition/1";

    public static IReadOnlyList<BatchChannel> ChannelsOf(DecisionPlan plan) =>
        [.. plan.Channels.Select(c => new BatchChannel(c.Id, c.CapacityPerDay))];

    public static IReadOnlyList<BatchStrategy> StrategiesOf(DecisionPlan plan) =>
        // Every channel a strategy may use, its follow-up waves' included, in first-use order.
        [.. plan.Strategies.Select(s => new BatchStrategy(s.Id,
            [.. s.Channels.Concat(s.Waves.SelectMany(w => w.Channels)).Select(c => c.Channel.Id).Distinct(StringComparer.Ordinal)]))];

    /// <summary>Whether two partitions come from the same map, time and split.</summary>
    public bool SameRunAs(PartitionManifest other) =>
        Map == other.Map && Version == other.Version && At == other.At && Partition.Count == other.Partition.Count
        && Channels.SequenceEqual(other.Channels)
        && Strategies.Count == other.Strategies.Count
        && Strategies.Zip(other.Strategies).All(p => p.First.Id == p.Second.Id && p.First.Channels.SequenceEqual(p.Second.Channels));

    public void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("format", Format);
        w.WriteString("map", Map);
        w.WriteString("version", Version);
        w.WriteString("at", DecisionJson.FormatInstant(At));
        w.WriteString("partition", Partition.ToString());
        w.WriteNumber("lines", Lines);
        w.WriteNumber("customers", Customers);
        w.WriteNumber("errors", Errors);
        w.WriteStartArray("channels");
        foreach (var channel in Channels)
        {
            w.WriteStartObject();
            w.WriteString("id", channel.Id);
            if (channel.Capacity is { } capacity)
            {
                w.WriteNumber("capacity", capacity);
            }
            else
            {
                w.WriteNull("capacity");
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("strategies");
        foreach (var strategy in Strategies)
        {
            w.WriteStartObject();
            w.WriteString("id", strategy.Id);
            w.WriteStartArray("channels");
            foreach (var channel in strategy.Channels)
            {
                w.WriteStringValue(channel);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>
    /// A check for candidates read back from partition files: it throws <see cref="InvalidDataException"/>
    /// unless a candidate names a strategy of this run and only channels of that strategy, so a
    /// merge writes nothing the map could not have produced.
    /// </summary>
    public Action<BatchCandidate> CandidateCheck()
    {
        var channelsOf = Strategies.ToDictionary(s => s.Id, s => s.Channels.ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        return candidate =>
        {
            if (!channelsOf.TryGetValue(candidate.Strategy ?? string.Empty, out var channels))
            {
                throw new InvalidDataException($"strategy '{Shown(candidate.Strategy)}' is not a strategy of the run");
            }

            if (candidate.Chain.Count == 0)
            {
                throw new InvalidDataException($"an action of strategy '{candidate.Strategy}' has no channel");
            }

            foreach (var offer in candidate.Chain)
            {
                if (!channels.Contains(offer.Channel ?? string.Empty))
                {
                    throw new InvalidDataException($"channel '{Shown(offer.Channel)}' is not a channel of strategy '{candidate.Strategy}'");
                }
            }
        };
    }

    // Every id read back becomes part of a file name (<strategy>.<channel>.csv) or a summary key:
    // each must be an id as a map writes it, so that no crafted manifest can name a file outside --out.
    private static PartitionManifest Checked(string path, PartitionManifest m)
    {
        void Fail(string why) => throw new InvalidDataException($"{path}: {why}");

        if (m.Lines < 0 || m.Customers < 0 || m.Errors < 0)
        {
            Fail("negative line, customer or error count");
        }

        var channels = new HashSet<string>(StringComparer.Ordinal);
        foreach (var channel in m.Channels)
        {
            if (!IsId(channel.Id) || !channels.Add(channel.Id))
            {
                Fail($"channel id '{Shown(channel.Id)}' is not an id (kebab-case, once)");
            }

            if (channel.Capacity < 0)
            {
                Fail($"channel '{channel.Id}' has a negative capacity");
            }
        }

        var strategies = new HashSet<string>(StringComparer.Ordinal);
        foreach (var strategy in m.Strategies)
        {
            if (!IsId(strategy.Id) || !strategies.Add(strategy.Id))
            {
                Fail($"strategy id '{Shown(strategy.Id)}' is not an id (kebab-case, once)");
            }

            if (strategy.Channels.FirstOrDefault(c => !channels.Contains(c)) is { } stray)
            {
                Fail($"strategy '{strategy.Id}' names channel '{Shown(stray)}', which is not a channel of the run");
            }
        }

        return m;
    }

    private static bool IsId(string? text) => text is not null && Syntax.IsId(text) && !text.Contains('\n');

    // An id from a file shown in a one-line message: control characters escaped, long ones cut.
    internal static string Shown(string? text) =>
        text is null ? "null" : System.Text.Json.JsonEncodedText.Encode(text.Length > 80 ? text[..80] + "..." : text, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString();

    /// <summary>Reads a folder's manifest; throws <see cref="InvalidDataException"/> when it is missing or malformed.</summary>
    public static PartitionManifest Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!Directory.Exists(folder))
        {
            throw new InvalidDataException(File.Exists(folder) ? $"'{folder}' is a file, not a partition folder" : $"no folder '{folder}'");
        }

        if (!File.Exists(path))
        {
            throw new InvalidDataException($"'{folder}' is not a finished partition: it has no {FileName}");
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            if (root.GetProperty("format").GetString() != Format)
            {
                throw new InvalidDataException($"{path}: not a {Format} manifest");
            }

            if (!Syntax.TryParseInstant(root.GetProperty("at").GetString()!, out var at)
                || !PartitionSpec.TryParse(root.GetProperty("partition").GetString()!, out var partition))
            {
                throw new InvalidDataException($"{path}: bad 'at' or 'partition'");
            }

            return Checked(path, new PartitionManifest(
                root.GetProperty("map").GetString()!,
                root.GetProperty("version").GetString()!,
                at,
                partition,
                root.GetProperty("lines").GetInt64(),
                root.GetProperty("customers").GetInt64(),
                root.GetProperty("errors").GetInt64(),
                [.. root.GetProperty("channels").EnumerateArray().Select(c => new BatchChannel(
                    c.GetProperty("id").GetString()!,
                    c.GetProperty("capacity").ValueKind == JsonValueKind.Null ? null : c.GetProperty("capacity").GetInt64()))],
                [.. root.GetProperty("strategies").EnumerateArray().Select(s => new BatchStrategy(
                    s.GetProperty("id").GetString()!,
                    [.. s.GetProperty("channels").EnumerateArray().Select(c => c.GetString()!)]))]));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path}: malformed manifest ({e.Message})", e);
        }
    }
}
