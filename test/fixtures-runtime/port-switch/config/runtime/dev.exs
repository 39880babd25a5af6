import Config

config :tally, Tally.Repo, pool_size: 2
