using Decisioning.Reporting.Model;

namespace Decisioning.Reporting.Board;

/// <summary>Sums one strategy's actions and their responses, over all periods or one.</summary>
internal sealed class ActivityAccumulator
{
    private readonly Dictionary<(int Wave, int Channel), long> byWaveAndChannel = [];
    private readonly SortedDictionary<int, long[]> waves = [];
    private long customers;
    private long actions;
    private long fallbacks;
    private long responded;
    private long declined;
    private long converted;
    private double value;

    public void AddCustomer() => customers++;

    public void Add(in LoggedAction action, in ActionResponses responses)
    {
        actions++;
        fallbacks += action.Fallback ? 1 : 0;
        var key = (action.Wave, (int)action.Channel);
        byWaveAndChannel[key] = byWaveAndChannel.GetValueOrDefault(key) + 1;
        if (!waves.TryGetValue(action.Wave, out var wave))
        {
            waves[action.Wave] = wave = new long[4];
        }

        wave[0]++;
        wave[1] += responses.Responded;
        wave[2] += responses.Declined;
        wave[3] += responses.Converted;
        responded += responses.Responded;
        declined += responses.Declined;
        converted += responses.Converted;
        value += responses.Value;
    }

    public Activity Build(IReadOnlyList<string> channels) => new(
        customers,
        actions,
        actions,
        fallbacks,
        byWaveAndChannel.Select(e => new WaveChannelCount(e.Key.Wave, channels[e.Key.Channel], e.Value))
            .OrderBy(c => c.Wave).ThenBy(c => c.Channel, StringComparer.Ordinal).ToList(),
        waves.Select(w => new WaveResponses(w.Key, w.Value[0], new ResponseCounts(w.Value[1], w.Value[2], w.Value[3]))).ToList(),
        new ResponseCounts(responded, declined, converted),
        value);
}
