using BenchmarkDotNet.Running;

namespace Nano.Benchmarks
{
    /// <summary>Entry point: BenchmarkDotNet's switcher (pass --filter, --job short, ...).</summary>
    public static class Program
    {
        public static void Main(string[] args)
        {
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        }
    }
}
