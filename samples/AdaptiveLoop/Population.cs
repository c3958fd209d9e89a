namespace Decisioning.Samples.AdaptiveLoop;

/// <summary>One synthetic customer: the snapshot fields the map declares.</summary>
internal sealed record Person(string Id, int Age, int Aum, bool IsRetiree, bool Digital, string? City)
{
    public string Tier => Aum >= 500_000 ? "wealth" : Aum >= 50_000 ? "affluent" : "mass";

    public string Snapshot => $$"""{"customerId":"{{Id}}","age":{{Age}},"aum":{{Aum}},"isRetiree":{{(IsRetiree ? "true" : "false")}},"digital":{{(Digital ? "true" : "false")}},"city":{{(City is null ? "null" : $"\"{City}\"")}}}""";
}

/// <summary>
/// The synthetic population and its truth: each offer's true conversion probability is a logistic
/// function of the customer's age, retirement, digital use, wealth tier and city, different for
/// every offer, so that knowing the customer pays.
/// </summary>
internal static class Population
{
    public static readonly string[] Strategies = ["pension-offer", "card-offer", "wealth-offer", "deposit-offer"];
    private static readonly string?[] Cities = ["上海", "北京", "深圳", "成都", "武汉", null];

    public static List<Person> Generate(Random random, string prefix, int count)
    {
        var people = new List<Person>(count);
        for (var i = 0; i < count; i++)
        {
            var age = 22 + random.Next(0, 56);
            var retiree = age >= 60 ? random.NextDouble() < 0.8 : random.NextDouble() < 0.03;
            var aum = random.NextDouble() switch
            {
                < 0.6 => random.Next(0, 50_000),
                < 0.9 => random.Next(50_000, 500_000),
                _ => random.Next(500_000, 5_000_000),
            };
            people.Add(new Person($"{prefix}{i:D6}", age, aum, retiree, random.NextDouble() < 0.55, Cities[random.Next(Cities.Length)]));
        }

        return people;
    }

    /// <summary>The true probability that <paramref name="p"/> converts when offered <paramref name="strategy"/>.</summary>
    public static double Truth(Person p, string strategy)
    {
        var logit = strategy switch
        {
            "pension-offer" => -3.4 + (p.Age >= 55 ? 1.7 : p.Age >= 45 ? 0.9 : 0) + (p.IsRetiree ? 0.6 : 0) + (p.Tier == "wealth" ? 0.3 : 0),
            "card-offer" => -2.9 + (p.Age < 35 ? 1.1 : p.Age < 45 ? 0.5 : p.Age >= 55 ? -0.9 : 0) + (p.Digital ? 0.9 : 0) +
                (p.City is "上海" or "深圳" ? 0.4 : 0),
            "wealth-offer" => -3.6 + (p.Tier == "wealth" ? 2.0 : p.Tier == "affluent" ? 1.0 : 0) + (p.Digital ? 0.3 : 0) + (p.Age >= 45 ? 0.3 : 0),
            _ => -2.7 + (p.IsRetiree ? 0.3 : 0) + (p.Tier == "mass" ? 0.3 : 0) + (p.Digital ? -0.3 : 0),
        };
        return 1 / (1 + Math.Exp(-logit));
    }
}
