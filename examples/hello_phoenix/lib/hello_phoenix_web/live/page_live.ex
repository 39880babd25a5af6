defmodule HelloPhoenixWeb.PageLive do
  use HelloPhoenixWeb, :live_view

  @pages %{
    "about" => {"About", "HelloPhoenix is a small demo application."},
    "contact" => {"Contact", "Write to us at hello@example.com."}
  }

  @impl true
  def mount(%{"slug" => slug}, _session, socket) do
    case Map.fetch(@pages, slug) do
      {:ok, {title, body}} ->
        {:ok, assign(socket, page_title: title, body: body)}

      :error ->
        {:ok,
         socket
         |> put_flash(:error, "Page not found")
         |> push_navigate(to: ~p"/")}
    end
  end

  @impl true
  def render(assigns) do
    ~H"""
    <article class="prose">
      <h1><%= @page_title %></h1>
      <p><%= @body %></p>
    </article>
    """
  end
end
