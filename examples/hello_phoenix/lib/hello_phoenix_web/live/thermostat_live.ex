defmodule HelloPhoenixWeb.ThermostatLive do
  use HelloPhoenixWeb, :live_view

  @topic "thermostat:living_room"

  @impl true
  def mount(_params, _session, socket) do
    if connected?(socket) do
      Phoenix.PubSub.subscribe(HelloPhoenix.PubSub, @topic)
      :timer.send_interval(5_000, self(), :tick)
    end

    {:ok, assign(socket, temperature: 21, mode: :heat, updated_at: DateTime.utc_now())}
  end

  @impl true
  def render(assigns) do
    ~H"""
    <section class="mx-auto max-w-sm space-y-4">
      <h1 class="text-lg font-semibold">Living room</h1>
      <p class="text-5xl tabular-nums"><%= @temperature %> C</p>
      <p class="text-sm text-zinc-500">
        Mode: <%= @mode %>, updated <%= Calendar.strftime(@updated_at, "%H:%M:%S") %>
      </p>
      <div class="flex gap-2">
        <.button phx-click="dec">-</.button>
        <.button phx-click="inc">+</.button>
      </div>
    </section>
    """
  end

  @impl true
  def handle_event("inc", _params, socket), do: {:noreply, change(socket, 1)}
  def handle_event("dec", _params, socket), do: {:noreply, change(socket, -1)}

  @impl true
  def handle_info(:tick, socket) do
    {:noreply, assign(socket, updated_at: DateTime.utc_now())}
  end

  def handle_info({:temperature_changed, value}, socket) do
    {:noreply, assign(socket, temperature: value)}
  end

  defp change(socket, delta) do
    value = socket.assigns.temperature + delta

    Phoenix.PubSub.broadcast_from(
      HelloPhoenix.PubSub,
      self(),
      @topic,
      {:temperature_changed, value}
    )

    assign(socket, temperature: value)
  end
end
