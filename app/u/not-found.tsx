import { InvalidLink } from "@/components/consent/public-frame";

export default function NotFound() {
  return <InvalidLink />;
}
