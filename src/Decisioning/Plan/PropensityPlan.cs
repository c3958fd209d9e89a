using Decisioning.Runtime;

namespace Decisioning.Plan;

/// <summary>How a strategy's propensity is found: a constant, a logistic model, or a host's model.</summary>
public abstract record PropensityPlan
{
    public abstract double Evaluate(CustomerRecord customer);
}

public sealed record ConstantPropensity(double Value) : PropensityPlan
{
    public override double Evaluate(CustomerRecord customer) => Value;
}

/// <summary>
/// <c>p = 1 / (1 + exp(-(intercept + sum(coef * x))))</c>, the sum taken in the coefficients'
/// written order, starting from 0 (spec section 8). A bool is 1 when true; a null optional field is 0.
/// </summary>
public sealed record LogisticPropensity(string ModelId, double Intercept, IReadOnlyList<(int FieldIndex, double Weight)> Terms)
    : PropensityPlan
{
    public override double Evaluate(CustomerRecord customer)
    {
        var real = customer.Values.Real;
        var sum = 0.0;
        for (var i = 0; i < Terms.Count; i++)
        {
            var (field, weight) = Terms[i];
            sum += weight * (real[field] ?? 0.0);
        }

        return 1.0 / (1.0 + Math.Exp(-(Intercept + sum)));
    }
}

/// <summary>A model the host application supplies (spec section 8, <c>kind: host</c>).</summary>
public sealed record HostPropensity(string ModelId, IPropensityModel Model) : PropensityPlan
{
    public override double Evaluate(CustomerRecord customer) => Model.Predict(customer);
}
