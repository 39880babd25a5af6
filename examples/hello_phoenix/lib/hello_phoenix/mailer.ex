defmodule HelloPhoenix.Mailer do
  use Swoosh.Mailer, otp_app: :hello_phoenix
end
