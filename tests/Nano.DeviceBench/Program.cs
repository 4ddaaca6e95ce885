using System;
using System.Threading;

namespace Nano.DeviceBench
{
    /// <summary>
    /// Prints, per scenario, one line
    /// <c>bench,&lt;scenario&gt;,&lt;messages in/s&gt;,&lt;deliveries out/s&gt;,&lt;messages&gt;,&lt;deliveries&gt;,&lt;elapsed µs&gt;,&lt;heap B per message&gt;,&lt;GCs&gt;</c>
    /// or <c>error,&lt;scenario&gt;,&lt;reason&gt;</c>, and <c>bench-done</c> at the end. The last two
    /// fields are -1 where the heap cannot be read; GCs counts the collections during the timed
    /// messages. Rates are whole numbers, computed with integer arithmetic.
    /// Around the timed messages it prints <c>mark,&lt;scenario&gt;,start</c> and <c>mark,&lt;scenario&gt;,end</c>
    /// and sleeps, so that a runner can read the process's CPU time at both points while the
    /// interpreter is idle: on a shared machine CPU time varies far less than elapsed time.
    /// </summary>
    public static class Program
    {
        private const int WarmupMessages = 200;
        private const int TimedMessages = 20000;
        private const int AllocationMessages = 20;
        private const long TicksPerSecond = 10000000;
        private const int MarkPauseMs = 300;

        public static void Main()
        {
            Measure(new Scenario("qos0_1to1", 1, 0));
            Measure(new Scenario("qos0_1to4", 4, 0));
            Measure(new Scenario("qos1_1to4", 4, 1));
            Console.WriteLine("bench-done");
        }

        private static void Mark(string scenario, string point)
        {
            Console.WriteLine("mark," + scenario + "," + point);
            Thread.Sleep(MarkPauseMs);
        }

        private static void Measure(Scenario scenario)
        {
            string error = scenario.SetupError();
            if (error != null)
            {
                Console.WriteLine("error," + scenario.Name + "," + error);
                return;
            }
            scenario.Run(WarmupMessages);
            long allocated = scenario.AllocatedPerRound(AllocationMessages);
            long collections = HeapReadings.Collections();
            long deliveriesBefore = scenario.Deliveries();
            long acksBefore = scenario.PublisherAcks;
            Mark(scenario.Name, "start");
            long ticks = scenario.Run(TimedMessages);
            Mark(scenario.Name, "end");
            long deliveries = scenario.Deliveries() - deliveriesBefore;
            long acks = scenario.PublisherAcks - acksBefore;
            if (collections >= 0)
            {
                collections = HeapReadings.Collections() - collections;
            }

            if (deliveries != (long)TimedMessages * scenario.Subscribers)
            {
                Console.WriteLine("error," + scenario.Name + ",delivered " + deliveries.ToString() + " of " + ((long)TimedMessages * scenario.Subscribers).ToString());
                return;
            }
            if (scenario.Qos == 1 && acks != TimedMessages)
            {
                Console.WriteLine("error," + scenario.Name + ",publisher got " + acks.ToString() + " PUBACKs of " + TimedMessages.ToString());
                return;
            }
            if (scenario.Unexpected() != 0)
            {
                Console.WriteLine("error," + scenario.Name + "," + scenario.Unexpected().ToString() + " unexpected packets");
                return;
            }
            if (ticks <= 0)
            {
                ticks = 1;
            }
            Console.WriteLine("bench," + scenario.Name
                + "," + (TimedMessages * TicksPerSecond / ticks).ToString()
                + "," + (deliveries * TicksPerSecond / ticks).ToString()
                + "," + TimedMessages.ToString()
                + "," + deliveries.ToString()
                + "," + (ticks / 10).ToString()
                + "," + allocated.ToString()
                + "," + collections.ToString());
        }
    }
}
