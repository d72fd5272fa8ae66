import { OPERATIONS } from "./operations.js";

export const NAMESPACE = "http://moderngov.co.uk/namespaces";

const XSD = { int: "s:int", string: "s:string", boolean: "s:boolean" } as const;

/**
 * The service description at `mgWebService.asmx?WSDL`, generated from the operations table so
 * it cannot drift from what is served. SOAP 1.1 document/literal, as ASMX writes it; each
 * result is an `<s:any/>` XML payload (the same document a GET returns).
 */
export function wsdl(endpoint: string): string {
  const elements = OPERATIONS.map(
    (op) => `      <s:element name="${op.name}">
        <s:complexType>
          <s:sequence>
${op.params.map((p) => `            <s:element minOccurs="${p.required ? 1 : 0}" maxOccurs="1" name="${p.name}" type="${XSD[p.type]}" />`).join("\n")}
          </s:sequence>
        </s:complexType>
      </s:element>
      <s:element name="${op.name}Response">
        <s:complexType>
          <s:sequence>
            <s:element minOccurs="0" maxOccurs="1" name="${op.name}Result">
              <s:complexType mixed="true">
                <s:sequence>
                  <s:any />
                </s:sequence>
              </s:complexType>
            </s:element>
          </s:sequence>
        </s:complexType>
      </s:element>`,
  ).join("\n");
  const messages = OPERATIONS.map(
    (op) => `  <wsdl:message name="${op.name}SoapIn">
    <wsdl:part name="parameters" element="tns:${op.name}" />
  </wsdl:message>
  <wsdl:message name="${op.name}SoapOut">
    <wsdl:part name="parameters" element="tns:${op.name}Response" />
  </wsdl:message>`,
  ).join("\n");
  const ports = OPERATIONS.map(
    (op) => `    <wsdl:operation name="${op.name}">
      <wsdl:input message="tns:${op.name}SoapIn" />
      <wsdl:output message="tns:${op.name}SoapOut" />
    </wsdl:operation>`,
  ).join("\n");
  const bindings = OPERATIONS.map(
    (op) => `    <wsdl:operation name="${op.name}">
      <soap:operation soapAction="${NAMESPACE}/${op.name}" style="document" />
      <wsdl:input>
        <soap:body use="literal" />
      </wsdl:input>
      <wsdl:output>
        <soap:body use="literal" />
      </wsdl:output>
    </wsdl:operation>`,
  ).join("\n");
  return `<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:s="http://www.w3.org/2001/XMLSchema" xmlns:tns="${NAMESPACE}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" targetNamespace="${NAMESPACE}">
  <wsdl:types>
    <s:schema elementFormDefault="qualified" targetNamespace="${NAMESPACE}">
${elements}
    </s:schema>
  </wsdl:types>
${messages}
  <wsdl:portType name="mgWebServiceSoap">
${ports}
  </wsdl:portType>
  <wsdl:binding name="mgWebServiceSoap" type="tns:mgWebServiceSoap">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http" />
${bindings}
  </wsdl:binding>
  <wsdl:service name="mgWebService">
    <wsdl:port name="mgWebServiceSoap" binding="tns:mgWebServiceSoap">
      <soap:address location="${endpoint.replace(/&/g, "&amp;").replace(/"/g, "&quot;")}" />
    </wsdl:port>
  </wsdl:service>
</wsdl:definitions>`.replace(/\n/g, "\r\n");
}
