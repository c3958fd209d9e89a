using System.Text.Json;
using Decisioning.Evaluation;
using Decisioning.Snapshots;
using Decisioning.Serialization;

namespace Decisioning.Batch;

/// <summary>
/// The JSON-lines records a partition writes for <c>batch-merge</c> (docs/batch.md):
/// a line record <c>{"line", "fallbacks", "decision"}</c> per input line, and a candidate record
/// <c>{"line", "customerId", "rank", "score", "strategy", "product", "chain"}</c> per candidate.
/// Scores are written in their shortest round-trip form, so they read back bit for bit.
/// </summary>
internal static class BatchJson
{
    public static void WriteLine(Utf8JsonWriter w, long line, Decision decision, IReadOnlyList<BatchCandidate> candidates)
    {
        w.WriteStartObject();
        w.WriteNumber("line", line);
        w.WriteStartArray("fallbacks");
        foreach (var candidate in candidates)
        {
            WriteChain(w, candidate.Chain, 1);
        }

        w.WriteEndArray();
        w.WritePropertyName("decision");
        DecisionJson.Write(w, decision);
        w.WriteEndObject();
    }

    public static void WriteLine(Utf8JsonWriter w, long line, SnapshotError error)
    {
        w.WriteStartObject();
        w.WriteNumber("line", line);
        w.WritePropertyName("decision");
        DecisionJson.Write(w, error);
        w.WriteEndObject();
    }

    /// <summary>The candidates of a line record's decision: its actions, each with its fallbacks.</summary>
    public static List<BatchCandidate> ReadCandidates(JsonElement record)
    {
        var line = record.GetProperty("line").GetInt64();
        var decision = record.GetProperty("decision");
        var candidates = new List<BatchCandidate>();
        if (!decision.TryGetProperty("actions", out var actions))
        {
            return candidates;
        }

        var fallbacks = record.GetProperty("fallbacks");
        var customerId = decision.GetProperty("customerId").GetString()!;
        var i = 0;
        foreach (var action in actions.EnumerateArray())
        {
            var chain = new List<ChannelOffer> { new(action.GetProperty("channel").GetString()!, action.GetProperty("script").GetString()) };
            chain.AddRange(ReadChain(fallbacks[i++]));
            candidates.Add(new BatchCandidate(line, customerId, action.GetProperty("rank").GetInt32(), action.GetProperty("score").GetDouble(),
                action.GetProperty("strategy").GetString()!, action.GetProperty("product").GetString()!, chain));
        }

        return candidates;
    }

    public static void WriteCandidate(Utf8JsonWriter w, BatchCandidate c)
    {
        w.WriteStartObject();
        w.WriteNumber("line", c.Line);
        w.WriteString("customerId", c.CustomerId);
        w.WriteNumber("rank", c.Rank);
        w.WriteNumber("score", c.Score);
        w.WriteString("strategy", c.Strategy);
        w.WriteString("product", c.Product);
        w.WritePropertyName("chain");
        WriteChain(w, c.Chain, 0);
        w.WriteEndObject();
    }

    public static BatchCandidate ReadCandidate(JsonElement e) => new(
        e.GetProperty("line").GetInt64(),
        e.GetProperty("customerId").GetString()!,
        e.GetProperty("rank").GetInt32(),
        e.GetProperty("score").GetDouble(),
        e.GetProperty("strategy").GetString()!,
        e.GetProperty("product").GetString()!,
        ReadChain(e.GetProperty("chain")));

    private static void WriteChain(Utf8JsonWriter w, IReadOnlyList<ChannelOffer> chain, int from)
    {
        w.WriteStartArray();
        for (var i = from; i < chain.Count; i++)
        {
            w.WriteStartObject();
            w.WriteString("channel", chain[i].Channel);
            if (chain[i].Script is { } script)
            {
                w.WriteString("script", script);
            }
            else
            {
                w.WriteNull("script");
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static ChannelOffer[] ReadChain(JsonElement chain)
    {
        var offers = new ChannelOffer[chain.GetArrayLength()];
        var i = 0;
        foreach (var offer in chain.EnumerateArray())
        {
            offers[i++] = new ChannelOffer(offer.GetProperty("channel").GetString()!, offer.GetProperty("script").GetString());
        }

        return offers;
    }
}
